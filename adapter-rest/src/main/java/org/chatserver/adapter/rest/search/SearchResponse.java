package org.chatserver.adapter.rest.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of search results.
 *
 * @param nextBefore what to send as {@code before} for the next page; null on the last page
 */
public record SearchResponse(List<SearchResultItem> results,
                             @JsonProperty("next_before") @Schema(nullable = true) Long nextBefore) {
}
