package org.chatserver.application.service.auth;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.LogInUseCase;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.User;
import org.chatserver.domain.Username;

public final class LogInService implements LogInUseCase {

    static final String WRONG_CREDENTIALS = "Incorrect username or password";
    static final String BUSY = "The server is busy, try again shortly";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionIssuer issuer;
    private final AuthThrottle throttle;
    private final UnchangedPassword unchanged;
    private final Clock clock;
    private volatile PasswordHash decoy;

    public LogInService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                        AuthThrottle throttle, Transactions transactions, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
        this.unchanged = new UnchangedPassword(users, transactions);
        this.clock = clock;
    }

    @Override
    public TokenPair logIn(LogInCommand command) {
        String key = command.username() == null ? "" : command.username().toLowerCase(Locale.ROOT);
        // counted before the password is checked: concurrent guesses cannot all slip under the budget
        AuthThrottle.Attempt attempt = throttle.beginLogin(key, command.clientAddress());
        Optional<User> user;
        boolean matches;
        try {
            user = parseUsername(command.username()).flatMap(users::findByUsername);
            Optional<PlainPassword> password = parsePassword(command.password());
            // an unknown name costs a hash comparison too, so response times do not reveal which names exist
            matches = password.isPresent()
                    && hasher.matches(password.get(), user.map(User::passwordHash).orElseGet(this::decoy))
                    && user.isPresent();
        } catch (PasswordHasher.BusyException e) {
            attempt.withdrawn();
            throw new ServiceBusyException(BUSY, e.retryAfter());
        } catch (RuntimeException | Error e) {
            attempt.withdrawn();
            throw e;
        }
        if (!matches) {
            attempt.counts();
            throw new UnauthenticatedException(WRONG_CREDENTIALS);
        }
        // a password change that committed since the check would miss the session opened here when it ends the others
        return unchanged.commit(user.get().id(), user.get().passwordHash(), attempt,
                () -> new UnauthenticatedException(WRONG_CREDENTIALS),
                () -> issuer.openSession(user.get(), command.device(), clock.instant()));
    }

    private PasswordHash decoy() {
        PasswordHash d = decoy;
        if (d == null) {
            d = hasher.hash(new PlainPassword("decoy-password-never-matches"));
            decoy = d;
        }
        return d;
    }

    private static Optional<Username> parseUsername(String raw) {
        try {
            return Optional.of(new Username(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** A password as typed, when it could be one at all: one that could never have been set is just a wrong one. */
    static Optional<PlainPassword> parsePassword(String raw) {
        try {
            return Optional.of(new PlainPassword(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
