package org.chatserver.bootstrap.architecture.violations.adapter.two;

import org.chatserver.bootstrap.architecture.violations.bootstrap.Wiring;

/** Breaks "nothing but bootstrap depends on bootstrap". */
public class AdapterTwo {

    Wiring wiring;
}
