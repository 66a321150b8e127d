package org.chatserver.adapter.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ForbiddenException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.AuthenticateUseCase;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase;
import org.chatserver.application.port.in.auth.ListSessionsUseCase;
import org.chatserver.application.port.in.auth.LogInUseCase;
import org.chatserver.application.port.in.auth.LogOutUseCase;
import org.chatserver.application.port.in.auth.RefreshTokensUseCase;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.in.user.GetProfileUseCase;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;

/**
 * Deterministic stand-in for the auth services, so the HTTP layer can be tested on its own:
 * plain-text passwords, counter-numbered tokens, and one throttled client address.
 */
final class InMemoryAuthUseCases implements SignUpUseCase, LogInUseCase, RefreshTokensUseCase, LogOutUseCase,
        AuthenticateUseCase, GetProfileUseCase, ChangePasswordUseCase, ListSessionsUseCase {

    /** The production default (chat.auth.access-token-ttl), so the tests expect what clients get. */
    static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    /** Sub-second on purpose: the wire must drop the fraction. */
    static final Instant CREATED_AT = Instant.parse("2025-10-04T18:42:41.987654321Z");
    static final String THROTTLED_ADDRESS = "203.0.113.9";
    /** A login from here finds the password hashing saturated. */
    static final String BUSY_ADDRESS = "203.0.113.10";
    static final Duration RETRY_AFTER = Duration.ofMillis(90_500);

    private final Map<String, User> users = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, AuthenticatedUser> accessTokens = new HashMap<>();
    private final Map<String, AuthenticatedUser> refreshTokens = new HashMap<>();
    private final Map<SessionId, DeviceSession> sessions = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    synchronized void reset() {
        users.clear();
        passwords.clear();
        accessTokens.clear();
        refreshTokens.clear();
        sessions.clear();
    }

    /** An access token for a user that another double keeps, so tests can call other endpoints as them. */
    synchronized String admit(User user) {
        return issue(user, new SessionId(sequence.incrementAndGet())).accessToken();
    }

    @Override
    public synchronized TokenPair signUp(SignUpCommand command) {
        String key = command.username().canonical();
        if (users.containsKey(key)) {
            throw new RejectedException("Username already registered");
        }
        User user = new User(new UserId(sequence.incrementAndGet()), command.username(),
                new PasswordHash("plain"), CREATED_AT);
        users.put(key, user);
        passwords.put(key, command.password().reveal());
        return open(user, command.device());
    }

    @Override
    public synchronized TokenPair logIn(LogInCommand command) {
        if (THROTTLED_ADDRESS.equals(command.clientAddress())) {
            throw new TooManyRequestsException("Too many failed login attempts, try again later", RETRY_AFTER);
        }
        if (BUSY_ADDRESS.equals(command.clientAddress())) {
            throw new ServiceBusyException("The server is busy, try again shortly", Duration.ofSeconds(2));
        }
        String key = command.username() == null ? "" : command.username().toLowerCase(java.util.Locale.ROOT);
        if (!users.containsKey(key) || !passwords.get(key).equals(command.password())) {
            throw new UnauthenticatedException("Incorrect username or password");
        }
        return open(users.get(key), command.device());
    }

    /** A new session, begun at {@link #CREATED_AT} on the given device. */
    private TokenPair open(User user, DeviceLabel device) {
        SessionId id = new SessionId(sequence.incrementAndGet());
        sessions.put(id, new DeviceSession(id, device, CREATED_AT, CREATED_AT, false));
        return issue(user, id);
    }

    /** Every session with a refresh token, the one refreshed last first, of two used at once the newer first. */
    @Override
    public synchronized List<DeviceSession> sessions(AuthenticatedUser caller) {
        return refreshTokens.values().stream()
                .filter(session -> session.userId().equals(caller.userId()))
                .map(AuthenticatedUser::sessionId)
                .distinct()
                .map(sessions::get)
                .map(s -> new DeviceSession(s.id(), s.device(), s.createdAt(), s.lastUsedAt(),
                        s.id().equals(caller.sessionId())))
                .sorted(Comparator.comparing(DeviceSession::lastUsedAt).thenComparing(s -> s.id().value()).reversed())
                .toList();
    }

    @Override
    public synchronized TokenPair refresh(String refreshToken) {
        AuthenticatedUser session = refreshTokens.remove(refreshToken);
        if (session == null) {
            throw new UnauthenticatedException("Invalid or expired refresh token");
        }
        // a refresh is a use, a second later than anything before
        sessions.computeIfPresent(session.sessionId(), (id, s) -> new DeviceSession(id, s.device(), s.createdAt(),
                CREATED_AT.plusSeconds(sequence.incrementAndGet()), false));
        return issue(users.get(session.username().canonical()), session.sessionId());
    }

    @Override
    public synchronized void logOut(AuthenticatedUser caller) {
        accessTokens.values().removeIf(session -> session.sessionId().equals(caller.sessionId()));
        refreshTokens.values().removeIf(session -> session.sessionId().equals(caller.sessionId()));
    }

    @Override
    public synchronized void logOutWith(String refreshToken) {
        AuthenticatedUser session = refreshTokens.get(refreshToken);
        if (session == null) {
            throw new UnauthenticatedException("Invalid or expired refresh token");
        }
        logOut(session);
    }

    @Override
    public synchronized int logOutOthers(AuthenticatedUser caller) {
        java.util.function.Predicate<AuthenticatedUser> other = session -> session.userId().equals(caller.userId())
                && !session.sessionId().equals(caller.sessionId());
        long ended = java.util.stream.Stream.concat(accessTokens.values().stream(), refreshTokens.values().stream())
                .filter(other).map(AuthenticatedUser::sessionId).distinct().count();
        accessTokens.values().removeIf(other);
        refreshTokens.values().removeIf(other);
        return (int) ended;
    }

    @Override
    public synchronized void logOutSession(AuthenticatedUser caller, SessionId session) {
        if (session.equals(caller.sessionId())) {
            throw new RuleViolation.Conflict("This is the session you are using: log out to end it");
        }
        boolean theirs = refreshTokens.values().stream()
                .anyMatch(s -> s.sessionId().equals(session) && s.userId().equals(caller.userId()));
        if (!theirs) {
            throw new NotFoundException("Session not found");
        }
        accessTokens.values().removeIf(s -> s.sessionId().equals(session));
        refreshTokens.values().removeIf(s -> s.sessionId().equals(session));
    }

    @Override
    public synchronized void changePassword(AuthenticatedUser caller, ChangePasswordCommand command) {
        String key = caller.username().canonical();
        if (!passwords.get(key).equals(command.currentPassword())) {
            throw new ForbiddenException("The current password is not correct");
        }
        if (command.currentPassword().equals(command.newPassword().reveal())) {
            throw ChangePasswordCommand.unchanged();
        }
        passwords.put(key, command.newPassword().reveal());
        logOutOthers(caller);
    }

    /** The access token stops working, as when it expires; its session and refresh token live on. */
    synchronized void expire(String accessToken) {
        accessTokens.remove(accessToken);
    }

    @Override
    public synchronized AuthenticatedUser authenticate(String accessToken) {
        AuthenticatedUser caller = accessTokens.get(accessToken);
        if (caller == null) {
            throw new UnauthenticatedException("Could not validate credentials");
        }
        return caller;
    }

    @Override
    public synchronized User profile(AuthenticatedUser caller) {
        User user = users.get(caller.username().canonical());
        if (user == null) {
            throw new NotFoundException("User not found");
        }
        return user;
    }

    private TokenPair issue(User user, SessionId session) {
        AuthenticatedUser caller = new AuthenticatedUser(user.id(), user.username(), session);
        long n = sequence.incrementAndGet();
        String access = "access-" + n;
        String refresh = "refresh-" + n;
        accessTokens.put(access, caller);
        refreshTokens.put(refresh, caller);
        return new TokenPair(access, refresh, ACCESS_TTL);
    }
}
