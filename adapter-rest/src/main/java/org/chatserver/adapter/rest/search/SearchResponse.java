package org.chatserver.adapter.rest.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.chatserver.adapter.wire.MessageItem;

/**
 * One page of search results.
 *
 * @param nextBefore what to send as {@code before} for the next page; null on the last page
 */
public record SearchResponse(List<Result> results,
                             @JsonProperty("next_before") @Schema(nullable = true) Long nextBefore) {

    /**
     * The message item history pages send, plus its highlight.
     *
     * @param highlight at most 200 characters of the text around the first hit (or of the file name, when
     *                  only that matched), HTML-escaped, every hit in {@code <mark>…</mark>}
     */
    public record Result(@JsonUnwrapped MessageItem item,
                         @Schema(example = "We <mark>redeploy</mark>ed the API") String highlight) {
    }
}
