package org.chatserver.adapter.rest.auth;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.chatserver.adapter.rest.BearerCaller;
import org.chatserver.adapter.rest.ClientConnection;
import org.chatserver.adapter.rest.MessageResponse;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase.ChangePasswordCommand;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase;
import org.chatserver.application.port.in.auth.ListSessionsUseCase;
import org.chatserver.application.port.in.auth.LogInUseCase;
import org.chatserver.application.port.in.auth.LogOutUseCase;
import org.chatserver.application.port.in.auth.RefreshTokensUseCase;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.user.GetProfileUseCase;
import org.chatserver.domain.SessionId;
import org.mapstruct.factory.Mappers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "auth", description = "Accounts and sessions")
public class AuthController {

    private static final AuthMapper MAPPER = Mappers.getMapper(AuthMapper.class);
    private static final MessageResponse LOGGED_OUT = new MessageResponse("Successfully logged out");
    private static final MessageResponse PASSWORD_CHANGED = new MessageResponse("Password changed");
    private static final MessageResponse SESSION_ENDED = new MessageResponse("Logged out of that device");

    private final SignUpUseCase signUp;
    private final LogInUseCase logIn;
    private final RefreshTokensUseCase refresh;
    private final LogOutUseCase logOut;
    private final GetProfileUseCase profile;
    private final ChangePasswordUseCase changePassword;
    private final ListSessionsUseCase sessions;

    public AuthController(SignUpUseCase signUp, LogInUseCase logIn, RefreshTokensUseCase refresh,
            LogOutUseCase logOut, GetProfileUseCase profile, ChangePasswordUseCase changePassword,
            ListSessionsUseCase sessions) {
        this.signUp = signUp;
        this.logIn = logIn;
        this.refresh = refresh;
        this.logOut = logOut;
        this.profile = profile;
        this.changePassword = changePassword;
        this.sessions = sessions;
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register and log in",
            description = "400 `Username already registered`; 422 for a username or password the server refuses.")
    @SecurityRequirements
    SignUpResponse signUp(@Valid @RequestBody CredentialsRequest body, HttpServletRequest request) {
        return MAPPER.toSignUpResponse(ClientConnection.whileClientWaits(request,
                () -> signUp.signUp(body.signUp(request.getRemoteAddr(), UserAgents.deviceOf(request)))));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a session",
            description = "401 `Incorrect username or password`; 429 with `Retry-After` after repeated failures.")
    @SecurityRequirements
    TokenResponse logIn(@Valid @RequestBody CredentialsRequest body, HttpServletRequest request) {
        // hashing may wait its turn: a client that gives up meanwhile gets none
        return MAPPER.toTokenResponse(ClientConnection.whileClientWaits(request,
                () -> logIn.logIn(body.logIn(request.getRemoteAddr(), UserAgents.deviceOf(request)))));
    }

    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Trade a refresh token for a new pair",
            description = "The old refresh token stops working. 401 `Invalid or expired refresh token`.")
    @SecurityRequirements
    TokenResponse refresh(@Valid @RequestBody RefreshRequest body) {
        return MAPPER.toTokenResponse(refresh.refresh(body.refreshToken()));
    }

    @PostMapping(path = "/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "End a session",
            description = "The bearer token's session, or with `{\"refresh_token\"}` that token's session, which works "
                    + "when the access token has expired. Its refresh token and access tokens stop working. "
                    + "401 `Invalid or expired refresh token` for a refresh token of no session.")
    MessageResponse logOut(@RequestBody(required = false) LogOutRequest body, BearerCaller bearer) {
        String refreshToken = body == null ? null : body.checkedRefreshToken();
        if (refreshToken != null) {
            logOut.logOutWith(refreshToken);
        } else {
            logOut.logOut(bearer.required());
        }
        return LOGGED_OUT;
    }

    /** The original call: no body (or one that is not JSON), the bearer token's session. Described with the above. */
    @PostMapping(path = "/logout", consumes = "!" + MediaType.APPLICATION_JSON_VALUE)
    @Hidden
    MessageResponse logOut(AuthenticatedUser caller) {
        logOut.logOut(caller);
        return LOGGED_OUT;
    }

    @PostMapping("/logout-others")
    @Operation(summary = "End every other session of the caller",
            description = "Every other device of the caller is logged out: their refresh and access tokens stop working "
                    + "and their open connections close. The caller's own session goes on. No body. Answers how many "
                    + "sessions ended (`sessions_ended`, 0 when there were none).")
    LoggedOutOthersResponse logOutOthers(AuthenticatedUser caller) {
        return LoggedOutOthersResponse.of(logOut.logOutOthers(caller));
    }

    @GetMapping("/sessions")
    @Operation(summary = "The caller's sessions: their devices",
            description = "Every session of the caller that still works (not logged out, its refresh token not "
                    + "expired), the one used last first: `device` is a short label of the client it began on (from "
                    + "its `User-Agent` at login or sign-up; `Unknown device` when there was none, and for sessions "
                    + "begun before 2026-12-07), `last_used_at` its last refresh (else when it began), `current` the "
                    + "caller's own.")
    List<SessionResponse> sessions(AuthenticatedUser caller) {
        return sessions.sessions(caller).stream().map(MAPPER::toSessionResponse).toList();
    }

    @DeleteMapping("/sessions/{session_id}")
    @Operation(summary = "End one other session of the caller (a lost phone)",
            description = "As `logout-others` ends each of the others: its refresh and access tokens stop working and "
                    + "its open connections close. 404 `Session not found` for an id not in the caller's list "
                    + "(another user's, an unknown or an ended one); 409 `This is the session you are using: log out "
                    + "to end it` for the caller's own; 422 for an id that is not a positive integer.")
    MessageResponse endSession(AuthenticatedUser caller, @PathVariable("session_id") long sessionId) {
        logOut.logOutSession(caller, new SessionId(sessionId));
        return SESSION_ENDED;
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the caller's password",
            description = "Needs the current password. Every other session of the caller ends (other devices log in "
                    + "again); this one goes on. 403 `The current password is not correct`, counted as a failed login "
                    + "(429 after repeated failures); 422 for a new password the server refuses, also the current one "
                    + "(`new_password must differ from the current password`, once the current one is confirmed).")
    MessageResponse changePassword(AuthenticatedUser caller, @Valid @RequestBody PasswordChangeRequest body,
            HttpServletRequest request) {
        ChangePasswordCommand command = body.command(request.getRemoteAddr());
        // hashing may wait its turn, and is dropped when its client goes away first
        ClientConnection.whileClientWaits(request, () -> {
            changePassword.changePassword(caller, command);
            return null;
        });
        return PASSWORD_CHANGED;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's profile")
    ProfileResponse me(AuthenticatedUser caller) {
        return MAPPER.toProfileResponse(profile.profile(caller));
    }
}
