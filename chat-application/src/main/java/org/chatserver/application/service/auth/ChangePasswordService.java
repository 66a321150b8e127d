package org.chatserver.application.service.auth;

import java.time.Clock;
import java.util.Set;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ForbiddenException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase.ChangePasswordCommand;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.User;

public final class ChangePasswordService implements ChangePasswordUseCase {

    static final String WRONG_PASSWORD = "The current password is not correct";

    private final UserRepository users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final AuthThrottle throttle;
    private final UnchangedPassword unchanged;
    private final Clock clock;
    private final SessionLifetimeService lifetimes;

    public ChangePasswordService(UserRepository users, SessionStore sessions, PasswordHasher hasher,
                                 AuthThrottle throttle, Transactions transactions, Clock clock,
                                 SessionLifetimeService lifetimes) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.unchanged = new UnchangedPassword(users, transactions);
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    @Override
    public void changePassword(AuthenticatedUser caller, ChangePasswordCommand command) {
        // counted before the password is checked, as a login is: concurrent guesses cannot all slip under the budget
        AuthThrottle.Attempt attempt = throttle.beginLogin(caller.username().canonical(), command.clientAddress());
        PasswordHash checkedAgainst;
        PasswordHash newHash;
        try {
            // a session of a user who is gone is no session
            User user = users.findById(caller.userId()).orElseThrow(() -> new UnauthenticatedException(
                    "Could not validate credentials"));
            boolean matches = LogInService.parsePassword(command.currentPassword())
                    .map(typed -> hasher.matches(typed, user.passwordHash()))
                    .orElse(false);
            if (!matches) {
                attempt.counts();
                throw new ForbiddenException(WRONG_PASSWORD);
            }
            // only now: whether a password is the current one is for its owner to learn, not for a stolen token
            if (hasher.matches(command.newPassword(), user.passwordHash())) {
                throw ChangePasswordCommand.unchanged();
            }
            checkedAgainst = user.passwordHash();
            newHash = hasher.hash(command.newPassword());
        } catch (PasswordHasher.BusyException e) {
            attempt.withdrawn();
            throw new ServiceBusyException(LogInService.BUSY, e.retryAfter());
        } catch (ForbiddenException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            attempt.withdrawn();
            throw e;
        }
        // of two changes at once (from two devices), one wins and the other finds its current password a wrong one
        Set<SessionId> ended = unchanged.commit(caller.userId(), checkedAgainst, attempt,
                () -> new ForbiddenException(WRONG_PASSWORD),
                () -> {
                    users.changePasswordHash(caller.userId(), newHash);
                    return sessions.revokeOthersOf(caller.userId(), caller.sessionId(), clock.instant());
                });
        // after commit: this node's connections of those sessions close at once, the other nodes' at their next check
        ended.forEach(lifetimes::sessionEnded);
    }
}
