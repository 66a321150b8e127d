package org.chatserver.application.service.auth;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
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

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionIssuer issuer;
    private final LoginThrottle throttle;
    private final Transactions transactions;
    private final Clock clock;
    private volatile PasswordHash decoy;

    public LogInService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                        LoginThrottle throttle, Transactions transactions, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public TokenPair logIn(LogInCommand command) {
        String key = command.username() == null ? "" : command.username().toLowerCase(Locale.ROOT);
        throttle.checkAllowed(key, command.clientAddress());
        Optional<User> user = parseUsername(command.username()).flatMap(users::findByUsername);
        Optional<PlainPassword> password = parsePassword(command.password());
        // an unknown name costs a hash comparison too, so response times do not reveal which names exist
        boolean matches = password.isPresent()
                && hasher.matches(password.get(), user.map(User::passwordHash).orElseGet(this::decoy))
                && user.isPresent();
        if (!matches) {
            throttle.recordFailure(key, command.clientAddress());
            throw new UnauthenticatedException(WRONG_CREDENTIALS);
        }
        throttle.recordSuccess(key);
        return transactions.inTransaction(() -> issuer.openSession(user.get(), clock.instant()));
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

    private static Optional<PlainPassword> parsePassword(String raw) {
        try {
            return Optional.of(new PlainPassword(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
