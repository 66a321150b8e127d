package org.chatserver.application.service.user;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.user.GetProfileUseCase;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.domain.User;

public final class GetProfileService implements GetProfileUseCase {

    private final UserRepository users;

    public GetProfileService(UserRepository users) {
        this.users = users;
    }

    @Override
    public User profile(AuthenticatedUser caller) {
        return users.findById(caller.userId())
                .orElseThrow(() -> new UnauthenticatedException(AuthenticateService.INVALID));
    }
}
