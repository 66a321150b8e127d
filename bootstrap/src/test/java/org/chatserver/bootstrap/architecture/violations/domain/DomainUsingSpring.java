package org.chatserver.bootstrap.architecture.violations.domain;

/** Breaks "domain depends on java.* only". */
public class DomainUsingSpring {

    org.springframework.util.StringUtils utils;
}
