package org.chatserver.bootstrap.architecture.violations.adapter.three;

import org.chatserver.bootstrap.architecture.violations.adapter.wire.SharedShape;

/** Uses the shared wire shapes, and nothing of another adapter: allowed. */
public class AdapterThree {

    SharedShape shape;
}
