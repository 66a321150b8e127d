package org.chatserver.adapter.rest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.access-log.*}.
 *
 * @param enabled one INFO line per request ({@link AccessLogFilter}); off unless set (the production profile sets it)
 */
@ConfigurationProperties("chat.access-log")
public record AccessLogProperties(@DefaultValue("false") boolean enabled) {
}
