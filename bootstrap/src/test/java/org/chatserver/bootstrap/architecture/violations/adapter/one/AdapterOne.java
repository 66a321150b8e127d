package org.chatserver.bootstrap.architecture.violations.adapter.one;

import org.chatserver.bootstrap.architecture.violations.adapter.two.AdapterTwo;
import org.chatserver.bootstrap.architecture.violations.application.service.SomeService;

/** Breaks "adapters do not depend on each other" and "adapters use ports, never services". */
public class AdapterOne {

    AdapterTwo other;
    SomeService service;
}
