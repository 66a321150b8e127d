package org.chatserver.application.service.auth;

import java.time.Clock;
import java.time.Instant;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;

public final class SignUpService implements SignUpUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionIssuer issuer;
    private final Transactions transactions;
    private final Clock clock;

    public SignUpService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                         Transactions transactions, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public TokenPair signUp(SignUpCommand command) {
        // bcrypt is slow on purpose: hash before the transaction so no write lock waits for it
        PasswordHash hash = hasher.hash(command.password());
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            User user = users.create(command.username(), hash, now)
                    .orElseThrow(() -> new RejectedException("Username already registered"));
            return issuer.openSession(user, now);
        });
    }
}
