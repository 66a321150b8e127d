package org.chatserver.application.port.in;

import org.chatserver.domain.User;

public interface GetProfileUseCase {

    User profile(AuthenticatedUser caller);
}
