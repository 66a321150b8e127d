package org.chatserver.application.service.user;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.user.UserSettingsUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.domain.User;

public final class UserSettingsService implements UserSettingsUseCase {

    private final UserRepository users;
    private final Transactions transactions;

    public UserSettingsService(UserRepository users, Transactions transactions) {
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public Settings settings(AuthenticatedUser caller) {
        return transactions.inTransaction(() -> current(caller));
    }

    @Override
    public Settings change(AuthenticatedUser caller, SettingsChange change) {
        return transactions.inTransaction(() -> {
            if (change.shareReadReceipts() != null
                    && !users.shareReadReceipts(caller.userId(), change.shareReadReceipts())) {
                throw gone();
            }
            return current(caller);
        });
    }

    private Settings current(AuthenticatedUser caller) {
        User user = users.findById(caller.userId()).orElseThrow(UserSettingsService::gone);
        return new Settings(user, users.sharesReadReceipts(user.id()));
    }

    private static UnauthenticatedException gone() {
        return new UnauthenticatedException(AuthenticateService.INVALID);
    }
}
