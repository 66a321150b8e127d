package org.chatserver.application.port.out.auth;

import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;

public interface PasswordHasher {

    PasswordHash hash(PlainPassword password);

    boolean matches(PlainPassword candidate, PasswordHash hash);
}
