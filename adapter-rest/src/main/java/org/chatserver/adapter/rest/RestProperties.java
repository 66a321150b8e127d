package org.chatserver.adapter.rest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code chat.http.*} as the REST adapter reads it.
 *
 * @param maxJsonBody largest request body the server reads, multipart uploads excepted (they have
 *                    {@code chat.uploads.max-file-size}); a larger one is refused with 413 before
 *                    any of it is parsed
 */
@ConfigurationProperties("chat.http")
public record RestProperties(@DefaultValue("64KB") DataSize maxJsonBody) {

    public RestProperties {
        if (maxJsonBody == null || maxJsonBody.toBytes() < 1024 || maxJsonBody.toBytes() > DataSize.ofMegabytes(16).toBytes()) {
            throw new IllegalArgumentException("chat.http.max-json-body must be between 1KB and 16MB, not " + maxJsonBody);
        }
    }
}
