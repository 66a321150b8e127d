package org.chatserver.adapter.rest.auth;

import jakarta.validation.constraints.NotNull;

/** Body of signup and login. Emptiness and length are the domain's to judge (422 from {@code Username}). */
record CredentialsRequest(
        @NotNull(message = "username is required") String username,
        @NotNull(message = "password is required") String password) {

    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + ", password=***]";
    }
}
