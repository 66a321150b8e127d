package org.chatserver.application.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatserver.application.contract.DeliberateFailure;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.FakeAccessTokens;
import org.chatserver.application.fakes.FakePasswordHasher;
import org.chatserver.application.fakes.FakeTokenSuccessors;
import org.chatserver.application.fakes.InMemorySessionStore;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase.Authenticated;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** What a long-lived connection learns about its session: the token's expiry, and the session's end. */
class SessionLifetimeServiceTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
    private final AuthPolicy policy = AuthPolicy.defaults();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemorySessionStore sessions = new InMemorySessionStore(users);
    private final FakeAccessTokens accessTokens = new FakeAccessTokens();
    private final DirectTransactions tx = new DirectTransactions();
    private final SessionIssuer issuer = new SessionIssuer(sessions, accessTokens, policy);
    private final AuthenticateService authenticate = new AuthenticateService(accessTokens, sessions, clock);
    private final SessionLifetimeService lifetimes = new SessionLifetimeService(authenticate, sessions);
    private final SignUpService signUp = new SignUpService(users, new FakePasswordHasher(), issuer,
            AuthThrottles.unlimitedSignUps(clock), tx, clock);
    private final RefreshTokensService refresh = new RefreshTokensService(sessions, users, issuer,
            new FakeTokenSuccessors(), policy, tx, clock, lifetimes);
    private final LogOutService logOut = new LogOutService(sessions, tx, clock, lifetimes);
    private final List<SessionId> endedHere = new CopyOnWriteArrayList<>();

    {
        lifetimes.onEnded(endedHere::add);
    }

    private TokenPair register(String name) {
        return signUp.signUp(new SignUpCommand(new Username(name), new PlainPassword("correct horse"), "192.0.2.1"));
    }

    @Test
    void authenticatingTellsWhenTheTokenExpires() {
        TokenPair pair = register("alice");

        Authenticated alice = lifetimes.authenticate(pair.accessToken());

        assertThat(alice.caller()).isEqualTo(authenticate.authenticate(pair.accessToken()));
        assertThat(alice.expiresAt()).isEqualTo(clock.instant().plus(policy.accessTokenTtl()));
        clock.advance(policy.accessTokenTtl());
        assertThatThrownBy(() -> lifetimes.authenticate(pair.accessToken()))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void aLogoutIsReportedAfterCommitAndFoundInTheStore() {
        AuthenticatedUser phone = authenticate.authenticate(register("alice").accessToken());
        AuthenticatedUser laptop = authenticate.authenticate(register("bob").accessToken());

        logOut.logOut(phone);

        assertThat(endedHere).containsExactly(phone.sessionId());
        assertThat(lifetimes.ended(List.of(phone.sessionId(), laptop.sessionId(), new SessionId(424_242L))))
                .containsExactlyInAnyOrder(phone.sessionId(), new SessionId(424_242L));
        assertThat(lifetimes.ended(List.of())).isEmpty();
    }

    /** So that the other devices' open connections close at once, as after a logout of each. */
    @Test
    void loggingOutTheOtherDevicesReportsEachOfTheirSessionsAfterCommit() {
        AuthenticatedUser laptop = authenticate.authenticate(register("alice").accessToken());
        var alice = users.findByUsername(new Username("alice")).orElseThrow();
        SessionId phone = authenticate.authenticate(issuer.openSession(alice, null, clock.instant()).accessToken()).sessionId();
        SessionId tablet = authenticate.authenticate(issuer.openSession(alice, null, clock.instant()).accessToken()).sessionId();

        logOut.logOutOthers(laptop);

        assertThat(endedHere).containsExactlyInAnyOrder(phone, tablet);
        assertThat(lifetimes.ended(List.of(laptop.sessionId(), phone, tablet))).containsExactlyInAnyOrder(phone, tablet);
    }

    /** So that the lost phone's open connections close at once, as after its logout. */
    @Test
    void endingOneSessionReportsItAfterCommit() {
        TokenPair first = register("alice");
        AuthenticatedUser laptop = authenticate.authenticate(first.accessToken());
        var alice = users.findById(laptop.userId()).orElseThrow();
        SessionId phone = authenticate.authenticate(issuer.openSession(alice, null, clock.instant()).accessToken()).sessionId();
        SessionId tablet = authenticate.authenticate(issuer.openSession(alice, null, clock.instant()).accessToken()).sessionId();

        logOut.logOutSession(laptop, phone);

        assertThat(endedHere).containsExactly(phone);
        assertThat(lifetimes.ended(List.of(laptop.sessionId(), phone, tablet))).containsExactly(phone);
    }

    @Test
    void aReplayedRefreshTokenEndsTheSessionAndIsReported() {
        TokenPair first = register("alice");
        SessionId session = authenticate.authenticate(first.accessToken()).sessionId();
        clock.advance(Duration.ofMinutes(1));
        TokenPair rotated = refresh.refresh(first.refreshToken());
        refresh.refresh(rotated.refreshToken());
        assertThat(endedHere).isEmpty();

        assertThatThrownBy(() -> refresh.refresh(first.refreshToken())).isInstanceOf(UnauthenticatedException.class);

        assertThat(endedHere).containsExactly(session);
        assertThat(lifetimes.ended(List.of(session))).containsExactly(session);
    }

    @Test
    void aListenerThatFailsNeitherUndoesTheLogoutNorSilencesTheOthers() {
        lifetimes.onEnded(session -> {
            throw new DeliberateFailure("broken listener");
        });
        List<SessionId> heardAfterTheBrokenOne = new CopyOnWriteArrayList<>();
        lifetimes.onEnded(heardAfterTheBrokenOne::add);
        AuthenticatedUser alice = authenticate.authenticate(register("alice").accessToken());

        logOut.logOut(alice);

        assertThat(endedHere).containsExactly(alice.sessionId());
        assertThat(heardAfterTheBrokenOne).containsExactly(alice.sessionId());
        assertThat(lifetimes.ended(List.of(alice.sessionId()))).containsExactly(alice.sessionId());
    }
}
