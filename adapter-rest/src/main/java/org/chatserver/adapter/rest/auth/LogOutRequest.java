package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.chatserver.adapter.rest.MisspeltKeys;

/**
 * An optional logout body: the refresh token of the session to end, for a client whose access token expired. A key
 * that is {@code refresh_token} misspelt ({@code refreshToken}) is refused: ignored, it would end the bearer's session
 * instead of the one named, or none.
 */
record LogOutRequest(@JsonProperty("refresh_token") String refreshToken,
                     @JsonAnySetter @Hidden Map<String, Object> unknown) {

    /** The refresh token named (null: none, the bearer's session), refusing {@code refresh_token} misspelt. */
    String checkedRefreshToken() {
        MisspeltKeys.refuse(unknown, "refresh_token");
        return refreshToken;
    }

    @Override
    public String toString() {
        return "LogOutRequest[***]";
    }
}
