package org.chatserver.application.service.auth;

import java.util.function.Supplier;
import org.chatserver.application.port.in.UseCaseException;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.UserId;

/**
 * The last step of a login or a password change, once the password checked out against the hash read before it: in
 * one transaction the hash is read again, held against a concurrent change ({@link UserRepository#lockPasswordHash}),
 * and the work is done only while it is still the one checked; else the refusal, as for a wrong password, since a
 * change that committed meanwhile made it one. Settles the throttle's attempt: a refusal counts, any other failure
 * is given back, success clears the name's failures.
 */
final class UnchangedPassword {

    private final UserRepository users;
    private final Transactions transactions;

    UnchangedPassword(UserRepository users, Transactions transactions) {
        this.users = users;
        this.transactions = transactions;
    }

    <T> T commit(UserId user, PasswordHash checked, AuthThrottle.Attempt attempt,
                 Supplier<? extends UseCaseException> refusal, Supplier<T> work) {
        T done;
        try {
            done = transactions.inTransaction(() -> {
                if (!users.lockPasswordHash(user).map(checked::equals).orElse(false)) {
                    throw refusal.get();
                }
                return work.get();
            });
        } catch (UseCaseException e) {
            attempt.counts();
            throw e;
        } catch (RuntimeException | Error e) {
            attempt.withdrawn();
            throw e;
        }
        attempt.succeeded();
        return done;
    }
}
