package org.chatserver.application.port.in.user;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.User;

public interface GetProfileUseCase {

    User profile(AuthenticatedUser caller);
}
