package org.chatserver.bootstrap.architecture.violations.application.service;

public final class SomeService {
}
