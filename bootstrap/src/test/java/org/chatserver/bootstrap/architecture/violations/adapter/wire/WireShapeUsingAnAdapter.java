package org.chatserver.bootstrap.architecture.violations.adapter.wire;

import org.chatserver.bootstrap.architecture.violations.adapter.two.AdapterTwo;

/** Breaks "the shared wire shapes depend on the core and JSON annotations only": it uses an adapter and Spring. */
public record WireShapeUsingAnAdapter(AdapterTwo adapter, org.springframework.util.StringUtils utils) {
}
