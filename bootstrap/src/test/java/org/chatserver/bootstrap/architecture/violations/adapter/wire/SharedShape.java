package org.chatserver.bootstrap.architecture.violations.adapter.wire;

/** A shape the adapters share: using it is allowed. */
public record SharedShape(String key) {
}
