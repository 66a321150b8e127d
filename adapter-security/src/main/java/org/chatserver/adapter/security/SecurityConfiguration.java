package org.chatserver.adapter.security;

import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fills {@link AccessTokens} and {@link PasswordHasher}; imported by bootstrap. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    AccessTokens accessTokens(SecurityProperties properties) {
        return new JjwtAccessTokens(SigningKeys.resolve(properties.signingKey(), properties.signingKeyFile()));
    }

    @Bean
    PasswordHasher passwordHasher(SecurityProperties properties) {
        return new BoundedPasswordHasher(new BcryptPasswordHasher(properties.bcryptCost()),
                properties.effectiveHashingThreads(), properties.hashingQueue());
    }
}
