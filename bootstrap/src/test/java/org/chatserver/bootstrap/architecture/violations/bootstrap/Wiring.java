package org.chatserver.bootstrap.architecture.violations.bootstrap;

public class Wiring {
}
