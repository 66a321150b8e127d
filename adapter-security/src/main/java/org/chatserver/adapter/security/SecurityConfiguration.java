package org.chatserver.adapter.security;

import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.auth.TokenSuccessors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fills {@link AccessTokens}, {@link TokenSuccessors} and {@link PasswordHasher}; imported by bootstrap. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    /** Resolved once: a generated key file is written by the first look only. */
    @Bean
    SigningKey signingKey(SecurityProperties properties) {
        return new SigningKey(SigningKeys.resolve(properties.signingKey(), properties.signingKeyFile()));
    }

    @Bean
    AccessTokens accessTokens(SigningKey key) {
        return new JjwtAccessTokens(key.bytes());
    }

    @Bean
    TokenSuccessors tokenSuccessors(SigningKey key) {
        return new HmacTokenSuccessors(key.bytes());
    }

    @Bean
    PasswordHasher passwordHasher(SecurityProperties properties) {
        return new BoundedPasswordHasher(new BcryptPasswordHasher(properties.bcryptCost()),
                properties.effectiveHashingThreads(), properties.hashingQueue());
    }

    /** The token signing key, as a bean of its own so that both of its users share one resolution. */
    record SigningKey(byte[] bytes) {

        @Override
        public String toString() {
            return "SigningKey[***]";
        }
    }
}
