package org.chatserver.application.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.FakeAccessTokens;
import org.chatserver.application.fakes.FakePasswordHasher;
import org.chatserver.application.fakes.FakeTokenSuccessors;
import org.chatserver.application.fakes.InMemorySessionStore;
import org.chatserver.application.fakes.InMemoryThrottleStore;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ForbiddenException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase.ChangePasswordCommand;
import org.chatserver.application.port.in.auth.ListSessionsUseCase.DeviceSession;
import org.chatserver.application.port.in.auth.LogInUseCase.LogInCommand;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.service.user.GetProfileService;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthServicesTest {

    private static final String ADDRESS = "203.0.113.7";

    private final MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
    private final AuthPolicy policy = AuthPolicy.defaults();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemorySessionStore sessions = new InMemorySessionStore(users);
    private final FakeAccessTokens accessTokens = new FakeAccessTokens();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final DirectTransactions tx = new DirectTransactions();
    private final SessionIssuer issuer = new SessionIssuer(sessions, accessTokens, policy);
    private final AuthThrottle throttle = new AuthThrottle(new InMemoryThrottleStore(), clock, policy);

    private final SignUpService signUp = new SignUpService(users, hasher, issuer, throttle, tx, clock);
    private final LogInService logIn = new LogInService(users, hasher, issuer, throttle, tx, clock);
    private final AuthenticateService authenticate = new AuthenticateService(accessTokens, sessions, clock);
    private final SessionLifetimeService lifetimes = new SessionLifetimeService(authenticate, sessions);
    private final RefreshTokensService refresh = new RefreshTokensService(sessions, users, issuer,
            new FakeTokenSuccessors(), policy, tx, clock, lifetimes);
    private final LogOutService logOut = new LogOutService(sessions, tx, clock, lifetimes);
    private final GetProfileService profile = new GetProfileService(users);

    private TokenPair register(String name, String password) {
        return signUp.signUp(new SignUpCommand(new Username(name), new PlainPassword(password), ADDRESS));
    }

    private TokenPair login(String name, String password) {
        return logIn.logIn(new LogInCommand(name, password, ADDRESS));
    }

    @Test
    void signUpLogsTheNewUserIn() {
        TokenPair pair = register("alice", "correct horse");

        AuthenticatedUser me = authenticate.authenticate(pair.accessToken());
        assertThat(me.username().value()).isEqualTo("alice");
        assertThat(profile.profile(me).createdAt()).isEqualTo(clock.instant());
        assertThat(pair.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aTakenNameIsRefusedIgnoringCase() {
        register("alice", "correct horse");

        assertThatThrownBy(() -> register("ALICE", "another one"))
                .isInstanceOf(RejectedException.class)
                .hasMessage("Username already registered");
    }

    /** In a member list {@code aIice} (a capital i) reads as {@code alice}: one could pass for the other. */
    @Test
    void aNameThatLooksLikeATakenOneIsRefusedSayingWhichAndWhy() {
        register("alice", "correct horse");

        assertThatThrownBy(() -> register("aIice", "another one"))
                .isInstanceOf(RejectedException.class)
                .hasMessage("Username looks like alice, which is taken (I, l and 1 look alike, as do O and 0, rn and m, "
                        + "vv and w): choose another");
        assertThatThrownBy(() -> login("aIice", "another one")).as("nobody was signed up")
                .isInstanceOf(UnauthenticatedException.class);
        assertThat(register("alicia", "another one")).isNotNull();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        register("alice", "correct horse");

        assertThatThrownBy(() -> login("alice", "wrong horse"))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessage("Incorrect username or password");
        assertThatThrownBy(() -> login("bob", "correct horse"))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessage("Incorrect username or password");
        assertThatThrownBy(() -> login("", ""))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessage("Incorrect username or password");
    }

    @Test
    void loginIgnoresTheCaseOfTheName() {
        register("Alice", "correct horse");

        TokenPair pair = login("aLICE", "correct horse");

        assertThat(authenticate.authenticate(pair.accessToken()).username().value()).isEqualTo("Alice");
    }

    @Test
    void aSecondDeviceDoesNotLogOutTheFirst() {
        register("alice", "correct horse");
        TokenPair phone = login("alice", "correct horse");
        TokenPair laptop = login("alice", "correct horse");

        TokenPair phoneAgain = refresh.refresh(phone.refreshToken());
        TokenPair laptopAgain = refresh.refresh(laptop.refreshToken());

        assertThat(authenticate.authenticate(phoneAgain.accessToken()).sessionId())
                .isNotEqualTo(authenticate.authenticate(laptopAgain.accessToken()).sessionId());
    }

    @Nested
    class Refresh {

        @Test
        void givesANewPairAndTheOldRefreshTokenStopsWorkingOnceTheNewOneIsUsed() {
            TokenPair first = register("alice", "correct horse");

            TokenPair second = refresh.refresh(first.refreshToken());
            refresh.refresh(second.refreshToken());

            assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
            assertThat(authenticate.authenticate(second.accessToken()).username().value()).isEqualTo("alice");
            assertThatThrownBy(() -> refresh.refresh(first.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class)
                    .hasMessage("Invalid or expired refresh token");
        }

        @Test
        void aRetryWhoseAnswerWasLostGetsTheSameNewRefreshTokenAndTheSessionLivesOn() {
            TokenPair first = register("alice", "correct horse");
            TokenPair lost = refresh.refresh(first.refreshToken());
            clock.advance(policy.refreshRetryWindow().minusSeconds(1));

            TokenPair retried = refresh.refresh(first.refreshToken());

            assertThat(retried.refreshToken()).isEqualTo(lost.refreshToken());
            assertThat(authenticate.authenticate(retried.accessToken()).username().value()).isEqualTo("alice");
            // one successor, not a fork: using it moves the session on, and the session is still there
            TokenPair next = refresh.refresh(retried.refreshToken());
            assertThat(authenticate.authenticate(next.accessToken()).username().value()).isEqualTo("alice");
        }

        @Test
        void reusingARefreshTokenAfterItsSuccessorWasUsedEndsTheWholeSession() {
            TokenPair first = register("alice", "correct horse");
            TokenPair rotated = refresh.refresh(first.refreshToken());
            TokenPair newest = refresh.refresh(rotated.refreshToken());
            TokenPair otherDevice = login("alice", "correct horse");

            assertThatThrownBy(() -> refresh.refresh(first.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);

            // the thief's replay killed the legitimate holder's newer tokens too
            assertThatThrownBy(() -> refresh.refresh(newest.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> authenticate.authenticate(newest.accessToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            // ...but not another session of the same user
            assertThat(refresh.refresh(otherDevice.refreshToken())).isNotNull();
        }

        @Test
        void reusingARefreshTokenAfterTheRetryWindowEndsTheWholeSession() {
            TokenPair first = register("alice", "correct horse");
            TokenPair rotated = refresh.refresh(first.refreshToken());
            clock.advance(policy.refreshRetryWindow());

            assertThatThrownBy(() -> refresh.refresh(first.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class)
                    .hasMessage("Invalid or expired refresh token");
            assertThatThrownBy(() -> refresh.refresh(rotated.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> authenticate.authenticate(rotated.accessToken()))
                    .isInstanceOf(UnauthenticatedException.class);
        }

        @Test
        void withoutARetryWindowAnySecondUseEndsTheWholeSession() {
            AuthPolicy strict = new AuthPolicy(policy.accessTokenTtl(), policy.refreshTokenTtl(), Duration.ZERO,
                    policy.usernameThrottle(), policy.addressThrottle(), policy.signUpThrottle());
            RefreshTokensService strictRefresh = new RefreshTokensService(sessions, users, issuer,
                    new FakeTokenSuccessors(), strict, tx, clock, lifetimes);
            TokenPair first = register("alice", "correct horse");
            TokenPair rotated = strictRefresh.refresh(first.refreshToken());

            assertThatThrownBy(() -> strictRefresh.refresh(first.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> authenticate.authenticate(rotated.accessToken()))
                    .isInstanceOf(UnauthenticatedException.class);
        }

        @Test
        void anExpiredRefreshTokenIsRefused() {
            TokenPair first = register("alice", "correct horse");
            clock.advance(policy.refreshTokenTtl());

            assertThatThrownBy(() -> refresh.refresh(first.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class)
                    .hasMessage("Invalid or expired refresh token");
        }

        @Test
        void unknownOrEmptyTokensAreRefused() {
            assertThatThrownBy(() -> refresh.refresh("no-such-token")).isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> refresh.refresh("")).isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> refresh.refresh(null)).isInstanceOf(UnauthenticatedException.class);
        }
    }

    @Nested
    class AccessTokens {

        @Test
        void expireAfterFifteenMinutes() {
            TokenPair pair = register("alice", "correct horse");
            clock.advance(Duration.ofMinutes(15).minusSeconds(1));
            assertThat(authenticate.authenticate(pair.accessToken())).isNotNull();

            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> authenticate.authenticate(pair.accessToken()))
                    .isInstanceOf(UnauthenticatedException.class);
        }

        @Test
        void logoutStopsAccessAndRefreshTokensAtOnce() {
            TokenPair pair = register("alice", "correct horse");
            TokenPair other = login("alice", "correct horse");

            logOut.logOut(authenticate.authenticate(pair.accessToken()));

            assertThatThrownBy(() -> authenticate.authenticate(pair.accessToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> refresh.refresh(pair.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThat(authenticate.authenticate(other.accessToken())).isNotNull();
        }

        @Test
        void loggingOutTheOtherDevicesEndsEveryOtherSessionOfTheCallerOnly() {
            TokenPair asking = register("alice", "correct horse");
            TokenPair phone = login("alice", "correct horse");
            TokenPair tablet = login("alice", "correct horse");
            register("bob", "bobs horse!");
            TokenPair bobs = login("bob", "bobs horse!");

            assertThat(logOut.logOutOthers(authenticate.authenticate(asking.accessToken()))).isEqualTo(2);

            for (TokenPair other : List.of(phone, tablet)) {
                assertThatThrownBy(() -> authenticate.authenticate(other.accessToken()))
                        .as("another device's access token").isInstanceOf(UnauthenticatedException.class);
                assertThatThrownBy(() -> refresh.refresh(other.refreshToken()))
                        .as("another device's refresh token").isInstanceOf(UnauthenticatedException.class);
            }
            assertThat(refresh.refresh(asking.refreshToken()).accessToken()).as("the device that asked").isNotBlank();
            assertThat(authenticate.authenticate(bobs.accessToken())).as("someone else's session").isNotNull();
            assertThat(logOut.logOutOthers(authenticate.authenticate(asking.accessToken())))
                    .as("asked again, with nobody else logged in").isZero();
        }

        @Test
        void aRefreshTokenLogsOutASessionWhoseAccessTokenHasExpired() {
            TokenPair pair = register("alice", "correct horse");
            TokenPair otherDevice = login("alice", "correct horse");
            clock.advance(policy.accessTokenTtl());
            assertThatThrownBy(() -> authenticate.authenticate(pair.accessToken()))
                    .as("the bearer can no longer log this session out")
                    .isInstanceOf(UnauthenticatedException.class);

            logOut.logOutWith(pair.refreshToken());

            assertThatThrownBy(() -> refresh.refresh(pair.refreshToken()))
                    .as("the logged-out session's refresh token")
                    .isInstanceOf(UnauthenticatedException.class);
            assertThat(refresh.refresh(otherDevice.refreshToken()).accessToken()).isNotBlank();
        }

        @Test
        void anAlreadyUsedRefreshTokenStillEndsItsSession() {
            TokenPair first = register("alice", "correct horse");
            TokenPair next = refresh.refresh(first.refreshToken());

            logOut.logOutWith(first.refreshToken());

            assertThatThrownBy(() -> authenticate.authenticate(next.accessToken()))
                    .isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> refresh.refresh(next.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);
        }

        @Test
        void aRefreshTokenOfNoSessionLogsNobodyOut() {
            TokenPair pair = register("alice", "correct horse");

            assertThatThrownBy(() -> logOut.logOutWith("forged"))
                    .isInstanceOf(UnauthenticatedException.class)
                    .hasMessage("Invalid or expired refresh token");
            assertThatThrownBy(() -> logOut.logOutWith(" "))
                    .isInstanceOf(UnauthenticatedException.class)
                    .hasMessage("Invalid or expired refresh token");
            assertThat(authenticate.authenticate(pair.accessToken())).isNotNull();
        }

        @Test
        void forgedTokensAreRefused() {
            assertThatThrownBy(() -> authenticate.authenticate("forged")).isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> authenticate.authenticate(" ")).isInstanceOf(UnauthenticatedException.class);
        }
    }

    @Nested
    class PasswordChange {

        private final ChangePasswordService changePassword = new ChangePasswordService(users, sessions, hasher,
                throttle, tx, clock, lifetimes);

        private void change(TokenPair session, String current, String next) {
            changePassword.changePassword(authenticate.authenticate(session.accessToken()),
                    new ChangePasswordCommand(current, new PlainPassword(next), ADDRESS));
        }

        @Test
        void theNewPasswordLogsInAndTheOldOneNoLonger() {
            TokenPair pair = register("alice", "correct horse");

            change(pair, "correct horse", "battery staple");

            assertThat(login("alice", "battery staple").accessToken()).isNotBlank();
            assertThatThrownBy(() -> login("alice", "correct horse"))
                    .isInstanceOf(UnauthenticatedException.class);
        }

        @Test
        void everyOtherSessionEndsAndTheOneThatAskedGoesOn() {
            TokenPair asking = register("alice", "correct horse");
            TokenPair phone = login("alice", "correct horse");
            register("bob", "bobs horse!");
            TokenPair bobs = login("bob", "bobs horse!");

            change(asking, "correct horse", "battery staple");

            assertThatThrownBy(() -> authenticate.authenticate(phone.accessToken()))
                    .as("the phone's access token").isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> refresh.refresh(phone.refreshToken()))
                    .as("the phone's refresh token").isInstanceOf(UnauthenticatedException.class);
            assertThat(authenticate.authenticate(asking.accessToken())).isNotNull();
            assertThat(refresh.refresh(asking.refreshToken()).accessToken()).isNotBlank();
            assertThat(authenticate.authenticate(bobs.accessToken())).as("someone else's session").isNotNull();
        }

        @Test
        void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedLogin() {
            TokenPair asking = register("alice", "correct horse");
            TokenPair phone = login("alice", "correct horse");

            for (int i = 0; i < policy.usernameThrottle().freeFailures(); i++) {
                assertThatThrownBy(() -> change(asking, "a guess!", "battery staple"))
                        .isInstanceOf(ForbiddenException.class)
                        .hasMessage("The current password is not correct");
            }
            assertThatThrownBy(() -> change(asking, "", "battery staple"))
                    .as("after as many failures as a login may have")
                    .isInstanceOf(TooManyRequestsException.class);

            clock.advance(Duration.ofSeconds(1));
            assertThat(login("alice", "correct horse")).as("the password is unchanged").isNotNull();
            assertThat(authenticate.authenticate(phone.accessToken())).as("no session ended").isNotNull();
        }

        @Test
        void theCurrentPasswordAsTheNewOneIsRefusedAndEndsNoSession() {
            TokenPair asking = register("alice", "correct horse");
            TokenPair phone = login("alice", "correct horse");

            assertThatThrownBy(() -> change(asking, "correct horse", "correct horse"))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject())
                            .isEqualTo("new password"))
                    .hasMessage("new password must differ from the current password");
            assertThatThrownBy(() -> change(asking, "a guess!", "a guess!"))
                    .as("told only once the current password is confirmed")
                    .isInstanceOf(ForbiddenException.class);

            assertThat(authenticate.authenticate(phone.accessToken())).as("no session ended").isNotNull();
            assertThat(login("alice", "correct horse")).isNotNull();
        }

        @Test
        void aBusyHasherChangesNothing() {
            TokenPair asking = register("alice", "correct horse");
            hasher.busyFor(Duration.ofSeconds(2));

            assertThatThrownBy(() -> change(asking, "correct horse", "battery staple"))
                    .isInstanceOf(ServiceBusyException.class);

            hasher.busyFor(Duration.ZERO);
            assertThat(login("alice", "correct horse")).isNotNull();
        }
    }

    @Nested
    class Throttling {

        @Test
        void repeatedFailuresForOneNameAreSlowedDown() {
            register("alice", "correct horse");
            for (int i = 0; i < policy.usernameThrottle().freeFailures(); i++) {
                assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(UnauthenticatedException.class);
            }

            // even the right password must wait now
            assertThatThrownBy(() -> login("alice", "correct horse"))
                    .isInstanceOfSatisfying(TooManyRequestsException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> login("alice", "guess"))
                    .isInstanceOfSatisfying(TooManyRequestsException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));

            clock.advance(Duration.ofSeconds(2));
            assertThat(login("alice", "correct horse")).isNotNull();
            // success forgives the name's failures
            assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(UnauthenticatedException.class);
        }

        @Test
        void oneAddressTryingManyNamesIsSlowedDown() {
            register("victim", "correct horse");
            for (int i = 0; i < policy.addressThrottle().freeFailures(); i++) {
                String name = "user" + i;
                assertThatThrownBy(() -> login(name, "guess")).isInstanceOf(UnauthenticatedException.class);
            }

            assertThatThrownBy(() -> login("victim", "correct horse")).isInstanceOf(TooManyRequestsException.class);
            // another address is not affected
            assertThat(logIn.logIn(new LogInCommand("victim", "correct horse", "198.51.100.1"))).isNotNull();
        }

        @Test
        void failuresAreForgottenAfterAWhile() {
            register("alice", "correct horse");
            for (int i = 0; i < policy.usernameThrottle().freeFailures(); i++) {
                assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(UnauthenticatedException.class);
            }
            clock.advance(policy.usernameThrottle().forgetAfter());

            assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(UnauthenticatedException.class);
            assertThat(login("alice", "correct horse")).isNotNull();
        }

        @Test
        void delayIsCapped() {
            AuthPolicy.ThrottlePolicy p = policy.usernameThrottle();
            assertThat(p.delayAfter(p.freeFailures() + 100)).isEqualTo(p.maxDelay());
        }
    }

    /** A user's list of their devices, and ending one of them (the phone they lost). */
    @Nested
    class Devices {

        private final ListSessionsService list = new ListSessionsService(sessions, clock);

        private TokenPair loginOn(String device) {
            return logIn.logIn(new LogInCommand("alice", "correct horse", ADDRESS,
                    device == null ? null : new DeviceLabel(device)));
        }

        private AuthenticatedUser as(TokenPair pair) {
            return authenticate.authenticate(pair.accessToken());
        }

        private SessionId id(TokenPair pair) {
            return as(pair).sessionId();
        }

        @Test
        void theListShowsTheCallersWorkingSessionsLastUsedFirstAndMarksTheirOwn() {
            var began = clock.instant();
            TokenPair laptop = signUp.signUp(new SignUpCommand(new Username("alice"), new PlainPassword("correct horse"),
                    ADDRESS, new DeviceLabel("Firefox on Linux")));
            clock.advance(Duration.ofMinutes(1));
            TokenPair phone = loginOn("Safari on iOS");
            clock.advance(Duration.ofMinutes(1));
            TokenPair tablet = loginOn(null);
            TokenPair loggedOut = loginOn("Chrome on Android");
            logOut.logOut(as(loggedOut));
            register("bob", "bobs horse!");
            clock.advance(Duration.ofMinutes(1));
            var phoneRefreshed = clock.instant();
            TokenPair phoneNow = refresh.refresh(phone.refreshToken());

            List<DeviceSession> seen = list.sessions(as(laptop));

            assertThat(seen).containsExactly(
                    new DeviceSession(id(phoneNow), new DeviceLabel("Safari on iOS"), began.plus(Duration.ofMinutes(1)),
                            phoneRefreshed, false),
                    new DeviceSession(id(tablet), null, began.plus(Duration.ofMinutes(2)),
                            began.plus(Duration.ofMinutes(2)), false),
                    new DeviceSession(id(laptop), new DeviceLabel("Firefox on Linux"), began, began, true));
            assertThat(list.sessions(as(tablet))).filteredOn(DeviceSession::current).extracting(DeviceSession::id)
                    .containsExactly(id(tablet));
        }

        @Test
        void aSessionWhoseRefreshTokenExpiredIsNoLongerListed() {
            TokenPair laptop = register("alice", "correct horse");
            TokenPair phone = loginOn("Safari on iOS");
            SessionId phoneId = id(phone);
            clock.advance(policy.refreshTokenTtl().minusMinutes(1));
            TokenPair laptopNow = refresh.refresh(laptop.refreshToken());
            clock.advance(Duration.ofMinutes(1));

            assertThat(list.sessions(as(laptopNow))).extracting(DeviceSession::id).containsExactly(id(laptopNow));
            assertThatThrownBy(() -> logOut.logOutSession(as(laptopNow), phoneId))
                    .as("ending the expired phone").isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> refresh.refresh(phone.refreshToken())).isInstanceOf(UnauthenticatedException.class);
            assertThat(logOut.logOutOthers(as(laptopNow))).as("other devices logged out, the expired phone not among them")
                    .isZero();
        }

        @Test
        void endingOneSessionStopsItsTokensAndLeavesTheOthers() {
            TokenPair laptop = register("alice", "correct horse");
            TokenPair phone = loginOn("Safari on iOS");
            TokenPair tablet = loginOn(null);
            SessionId phoneId = id(phone);

            logOut.logOutSession(as(laptop), phoneId);

            assertThatThrownBy(() -> authenticate.authenticate(phone.accessToken()))
                    .as("the phone's access token").isInstanceOf(UnauthenticatedException.class);
            assertThatThrownBy(() -> refresh.refresh(phone.refreshToken()))
                    .as("the phone's refresh token").isInstanceOf(UnauthenticatedException.class);
            assertThat(refresh.refresh(tablet.refreshToken()).accessToken()).as("the tablet").isNotBlank();
            assertThat(list.sessions(as(laptop))).extracting(DeviceSession::id).doesNotContain(phoneId).hasSize(2);
            assertThatThrownBy(() -> logOut.logOutSession(as(laptop), phoneId))
                    .as("ended already").isInstanceOf(NotFoundException.class).hasMessage("Session not found");
        }

        @Test
        void anotherUsersSessionOrAnUnknownOneIsNotFoundAndLivesOn() {
            TokenPair laptop = register("alice", "correct horse");
            TokenPair bobs = register("bob", "bobs horse!");

            assertThatThrownBy(() -> logOut.logOutSession(as(laptop), id(bobs)))
                    .isInstanceOf(NotFoundException.class).hasMessage("Session not found");
            assertThatThrownBy(() -> logOut.logOutSession(as(laptop), new SessionId(987_654_321L)))
                    .isInstanceOf(NotFoundException.class).hasMessage("Session not found");
            assertThat(authenticate.authenticate(bobs.accessToken())).as("bob's session").isNotNull();
        }

        @Test
        void theCallersOwnSessionIsForALogout() {
            TokenPair laptop = register("alice", "correct horse");

            assertThatThrownBy(() -> logOut.logOutSession(as(laptop), id(laptop)))
                    .isInstanceOf(RuleViolation.Conflict.class)
                    .hasMessage("This is the session you are using: log out to end it");
            assertThat(authenticate.authenticate(laptop.accessToken())).isNotNull();
        }
    }
}
