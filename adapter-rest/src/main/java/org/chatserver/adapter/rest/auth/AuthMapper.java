package org.chatserver.adapter.rest.auth;

import java.time.Duration;
import org.chatserver.adapter.rest.RestMapperConfig;
import org.chatserver.application.port.in.auth.ListSessionsUseCase.DeviceSession;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.User;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(config = RestMapperConfig.class)
interface AuthMapper {

    String TOKEN_TYPE = "bearer";
    String REGISTERED = "User registered successfully";

    @Mapping(target = "tokenType", constant = TOKEN_TYPE)
    @Mapping(target = "expiresIn", source = "accessTokenTtl")
    TokenResponse toTokenResponse(TokenPair tokens);

    @Mapping(target = "message", constant = REGISTERED)
    @Mapping(target = "tokenType", constant = TOKEN_TYPE)
    @Mapping(target = "expiresIn", source = "accessTokenTtl")
    SignUpResponse toSignUpResponse(TokenPair tokens);

    @Mapping(target = "id", source = "id.value")
    @Mapping(target = "username", source = "username.value")
    ProfileResponse toProfileResponse(User user);

    @Mapping(target = "id", source = "id.value")
    SessionResponse toSessionResponse(DeviceSession session);

    default String device(DeviceLabel device) {
        return device == null ? SessionResponse.UNKNOWN_DEVICE : device.value();
    }

    default long seconds(Duration ttl) {
        return ttl.toSeconds();
    }
}
