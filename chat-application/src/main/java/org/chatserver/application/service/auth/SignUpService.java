package org.chatserver.application.service.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;
import org.chatserver.domain.Username;

public final class SignUpService implements SignUpUseCase {

    static final String TAKEN = "Username already registered";

    /** A name that would pass for a taken one in a member list ({@link Username#lookAlikeKey()}). */
    static String lookingLike(Username taken) {
        return "Username looks like " + taken + ", which is taken (I, l and 1 look alike, as do O and 0, rn and m, "
                + "vv and w): choose another";
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionIssuer issuer;
    private final AuthThrottle throttle;
    private final Transactions transactions;
    private final Clock clock;

    public SignUpService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer, AuthThrottle throttle,
                         Transactions transactions, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public TokenPair signUp(SignUpCommand command) {
        AuthThrottle.Attempt attempt = throttle.beginSignUp(command.clientAddress());
        try {
            // a taken name costs no hash: the answer is known before the slow part
            if (users.findByUsername(command.username()).isPresent()) {
                throw new RejectedException(TAKEN);
            }
            Optional<User> lookAlike = users.findLookingLike(command.username());
            if (lookAlike.isPresent()) {
                throw new RejectedException(lookingLike(lookAlike.get().username()));
            }
            // bcrypt is slow on purpose: hash before the transaction so no write lock waits for it
            PasswordHash hash = hasher.hash(command.password());
            TokenPair pair = transactions.inTransaction(() -> {
                Instant now = clock.instant();
                User user = users.create(command.username(), hash, now)
                        .orElseThrow(() -> new RejectedException(TAKEN));
                return issuer.openSession(user, command.device(), now);
            });
            attempt.counts();
            return pair;
        } catch (RejectedException e) {
            attempt.counts();
            throw e;
        } catch (PasswordHasher.BusyException e) {
            attempt.withdrawn();
            throw new ServiceBusyException(LogInService.BUSY, e.retryAfter());
        } catch (RuntimeException | Error e) {
            attempt.withdrawn();
            throw e;
        }
    }
}
