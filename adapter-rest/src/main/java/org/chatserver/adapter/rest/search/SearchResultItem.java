package org.chatserver.adapter.rest.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.chatserver.adapter.wire.MessageItem;

/**
 * One search result: the message item history pages send, plus its highlight.
 *
 * @param highlight at most 200 characters of the text around the first hit (or of the file name, when
 *                  only that matched), HTML-escaped, every hit in {@code <mark>…</mark>}
 */
public record SearchResultItem(@JsonUnwrapped MessageItem item,
                               @Schema(example = "We <mark>redeploy</mark>ed the API") String highlight) {
}
