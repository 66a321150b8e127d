package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;

record MarkReadResponse(String message, @JsonProperty("read_count") long readCount) {

    static MarkReadResponse of(long count) {
        // the old server's wording, plural even for one: clients may show it as it is
        return new MarkReadResponse("Marked " + count + " messages as read", count);
    }
}
