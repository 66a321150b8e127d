package org.chatserver.bootstrap;

import java.time.Clock;
import java.time.Duration;
import org.chatserver.application.port.out.AccessTokens;
import org.chatserver.application.port.out.PasswordHasher;
import org.chatserver.application.port.out.SessionStore;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.UserRepository;
import org.chatserver.application.service.AuthPolicy;
import org.chatserver.application.service.AuthPolicy.ThrottlePolicy;
import org.chatserver.application.service.AuthenticateService;
import org.chatserver.application.service.GetProfileService;
import org.chatserver.application.service.LogInService;
import org.chatserver.application.service.LogOutService;
import org.chatserver.application.service.LoginThrottle;
import org.chatserver.application.service.RefreshTokensService;
import org.chatserver.application.service.SessionIssuer;
import org.chatserver.application.service.SignUpService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The core, built by hand: every use case with the ports it needs. */
@Configuration(proxyBeanMethods = false)
class UseCaseConfiguration {

    private static final int THROTTLE_MAX_KEYS = 100_000;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Transactions transactions(PlatformTransactionManager transactionManager) {
        return new SpringTransactions(new TransactionTemplate(transactionManager));
    }

    @Bean
    AuthPolicy authPolicy(ChatProperties properties) {
        ChatProperties.Auth auth = properties.auth();
        return new AuthPolicy(auth.accessTokenTtl(), auth.refreshTokenTtl(),
                new ThrottlePolicy(auth.usernameFreeFailures(), Duration.ofSeconds(1),
                        auth.throttleMaxDelay(), auth.throttleForgetAfter()),
                new ThrottlePolicy(auth.addressFreeFailures(), Duration.ofSeconds(1),
                        auth.throttleMaxDelay(), auth.throttleForgetAfter()));
    }

    @Bean
    SessionIssuer sessionIssuer(SessionStore sessions, AccessTokens accessTokens, AuthPolicy policy) {
        return new SessionIssuer(sessions, accessTokens, policy);
    }

    @Bean
    LoginThrottle loginThrottle(Clock clock, AuthPolicy policy) {
        return new LoginThrottle(clock, policy, THROTTLE_MAX_KEYS);
    }

    @Bean
    SignUpService signUpService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                                Transactions transactions, Clock clock) {
        return new SignUpService(users, hasher, issuer, transactions, clock);
    }

    @Bean
    LogInService logInService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                              LoginThrottle throttle, Transactions transactions, Clock clock) {
        return new LogInService(users, hasher, issuer, throttle, transactions, clock);
    }

    @Bean
    RefreshTokensService refreshTokensService(SessionStore sessions, UserRepository users, SessionIssuer issuer,
                                              Transactions transactions, Clock clock) {
        return new RefreshTokensService(sessions, users, issuer, transactions, clock);
    }

    @Bean
    LogOutService logOutService(SessionStore sessions, Transactions transactions, Clock clock) {
        return new LogOutService(sessions, transactions, clock);
    }

    @Bean
    AuthenticateService authenticateService(AccessTokens accessTokens, SessionStore sessions, Clock clock) {
        return new AuthenticateService(accessTokens, sessions, clock);
    }

    @Bean
    GetProfileService getProfileService(UserRepository users) {
        return new GetProfileService(users);
    }
}
