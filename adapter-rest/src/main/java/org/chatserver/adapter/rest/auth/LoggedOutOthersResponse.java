package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to logging out the other devices: how many sessions ended. */
record LoggedOutOthersResponse(String message, @JsonProperty("sessions_ended") int sessionsEnded) {

    static LoggedOutOthersResponse of(int sessionsEnded) {
        return new LoggedOutOthersResponse("Logged out of every other device", sessionsEnded);
    }
}
