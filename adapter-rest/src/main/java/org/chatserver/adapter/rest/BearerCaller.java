package org.chatserver.adapter.rest;

import org.chatserver.application.port.in.AuthenticatedUser;

/**
 * The bearer token's caller, for a handler on a path where that token is one credential among others: logging out
 * with a refresh token works when the access token has expired. A handler parameter of this type is resolved whether
 * or not the request carried a valid bearer token; {@link #required()} answers the caller, or raises the refusal
 * (401 with its challenge) that a protected path would have answered before the handler ran.
 */
public final class BearerCaller {

    private final AuthenticatedUser caller;
    private final BearerAuthenticationException refusal;

    BearerCaller(AuthenticatedUser caller, BearerAuthenticationException refusal) {
        this.caller = caller;
        this.refusal = refusal;
    }

    /** The caller the bearer token names; a 401 when the request had no valid bearer token. */
    public AuthenticatedUser required() {
        if (caller != null) {
            return caller;
        }
        throw refusal != null ? refusal : BearerAuthenticationException.missing();
    }
}
