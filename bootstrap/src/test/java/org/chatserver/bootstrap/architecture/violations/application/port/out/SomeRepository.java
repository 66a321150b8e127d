package org.chatserver.bootstrap.architecture.violations.application.port.out;

public interface SomeRepository {
}
