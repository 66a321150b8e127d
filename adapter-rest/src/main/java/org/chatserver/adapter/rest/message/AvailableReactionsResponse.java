package org.chatserver.adapter.rest.message;

import java.util.List;

record AvailableReactionsResponse(List<String> reactions) {
}
