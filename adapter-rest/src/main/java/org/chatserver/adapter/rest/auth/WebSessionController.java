package org.chatserver.adapter.rest.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.chatserver.adapter.rest.BearerCaller;
import org.chatserver.adapter.rest.ClientConnection;
import org.chatserver.adapter.rest.MessageResponse;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.LogInUseCase;
import org.chatserver.application.port.in.auth.LogOutUseCase;
import org.chatserver.application.port.in.auth.RefreshTokensUseCase;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.auth.TokenPair;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sessions for the browser client: the same accounts and sessions as {@link AuthController}, but
 * the refresh token travels in an HttpOnly cookie that page scripts cannot read, and answers carry
 * only the access token. An addition beside the existing auth calls, which stay unchanged for the
 * app.
 *
 * <p>The cookie is {@code SameSite=Strict}, scoped to this path, and {@code Secure} when the request
 * came over HTTPS (also behind a proxy that says so). Every call here takes a JSON body, which a
 * cross-site form cannot send without a CORS pre-flight this server does not grant.
 */
@RestController
@RequestMapping(WebSessionController.PATH)
@Tag(name = "auth", description = "Accounts and sessions")
public class WebSessionController {

    static final String PATH = "/api/auth/web";
    public static final String COOKIE = "chat_refresh";
    /** The refresh cookie over HTTPS (see {@link #refreshCookies}). */
    public static final String HOST_COOKIE = "__Host-chat_refresh";
    private static final String INVALID = "Invalid or expired refresh token";
    private static final int MAX_REFRESH_COOKIES = 20;
    private static final String REFRESH_COOKIE = "The refresh token, set by login (over HTTPS the cookie is "
            + "`__Host-chat_refresh`, which is read alone when sent); when the browser sends several of this name (set by "
            + "a site on a parent domain), each is tried in turn.";
    private static final MessageResponse LOGGED_OUT = new MessageResponse("Successfully logged out");

    private final SignUpUseCase signUp;
    private final LogInUseCase logIn;
    private final RefreshTokensUseCase refresh;
    private final LogOutUseCase logOut;
    private final Duration cookieLifetime;

    public WebSessionController(SignUpUseCase signUp, LogInUseCase logIn, RefreshTokensUseCase refresh,
            LogOutUseCase logOut, @Value("${chat.auth.refresh-token-ttl:7d}") Duration cookieLifetime) {
        this.signUp = signUp;
        this.logIn = logIn;
        this.refresh = refresh;
        this.logOut = logOut;
        this.cookieLifetime = cookieLifetime;
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register and log in a browser",
            description = "As `/api/auth/signup`, with the refresh token in an HttpOnly cookie instead of the body.")
    @SecurityRequirements
    WebSessionResponse signUp(@Valid @RequestBody CredentialsRequest body, HttpServletRequest request,
            HttpServletResponse response) {
        TokenPair tokens = ClientConnection.whileClientWaits(request,
                () -> signUp.signUp(body.signUp(request.getRemoteAddr(), UserAgents.deviceOf(request))));
        return issue(tokens, AuthMapper.REGISTERED, request, response);
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a browser session",
            description = "As `/api/auth/login`, with the refresh token in an HttpOnly cookie instead of the body.")
    @SecurityRequirements
    WebSessionResponse logIn(@Valid @RequestBody CredentialsRequest body, HttpServletRequest request,
            HttpServletResponse response) {
        TokenPair tokens = ClientConnection.whileClientWaits(request,
                () -> logIn.logIn(body.logIn(request.getRemoteAddr(), UserAgents.deviceOf(request))));
        return issue(tokens, null, request, response);
    }

    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Trade the refresh cookie for a new access token (and a new cookie)",
            description = "401 `Invalid or expired refresh token` (the cookie is then cleared).")
    @SecurityRequirements
    @Parameter(in = ParameterIn.COOKIE, name = COOKIE, description = REFRESH_COOKIE)
    WebSessionResponse refresh(HttpServletRequest request, HttpServletResponse response) {
        UnauthenticatedException refused = new UnauthenticatedException(INVALID);
        for (String refreshToken : refreshCookies(request)) {
            try {
                return issue(refresh.refresh(refreshToken), null, request, response);
            } catch (UnauthenticatedException e) {
                refused = e;
            }
        }
        clearCookie(request, response);
        throw refused;
    }

    @PostMapping(path = "/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "End this browser session",
            description = "As `/api/auth/logout`: the refresh cookie's session, which works when the access token has "
                    + "expired, or without the cookie the bearer token's. Also clears the cookie. 401 `Invalid or expired "
                    + "refresh token` for a cookie of no session.")
    @Parameter(in = ParameterIn.COOKIE, name = COOKIE, description = REFRESH_COOKIE)
    MessageResponse logOut(BearerCaller bearer, HttpServletRequest request, HttpServletResponse response) {
        List<String> refreshTokens = refreshCookies(request);
        if (refreshTokens.isEmpty()) {
            logOut.logOut(bearer.required());
        } else {
            UnauthenticatedException refused = null;
            boolean ended = false;
            for (String refreshToken : refreshTokens) {
                try {
                    logOut.logOutWith(refreshToken);
                    ended = true;
                } catch (UnauthenticatedException e) {
                    refused = e;
                }
            }
            if (!ended) {
                // a cookie of no session is of no use either
                clearCookie(request, response);
                throw refused;
            }
        }
        clearCookie(request, response);
        return LOGGED_OUT;
    }

    /**
     * The refresh tokens the request's cookies carry, to try in turn. Over HTTPS the cookie is {@value #HOST_COOKIE}:
     * a browser takes a cookie of that name only from this host, over HTTPS, for the whole site, so no other site can
     * plant one beside it, and when there is one no other counts. Otherwise (plain HTTP, or a session begun before
     * 2026-12-06 that has not refreshed since) every {@value #COOKIE} cookie, in the order sent, at most
     * {@value #MAX_REFRESH_COOKIES} different ones: a site on a parent domain can set cookies of that name and path,
     * which a browser sends before ours when they are older or their path longer, and reading only the first would let
     * them end this session's refreshes, and clear our cookie, though ours is valid.
     */
    private static List<String> refreshCookies(HttpServletRequest request) {
        List<String> hostOnly = valuesOf(request, HOST_COOKIE).limit(1).toList();
        return hostOnly.isEmpty() ? valuesOf(request, COOKIE).distinct().limit(MAX_REFRESH_COOKIES).toList() : hostOnly;
    }

    /** The values of the request's cookies of this name that are not blank, in the order sent (none without cookies). */
    private static Stream<String> valuesOf(HttpServletRequest request, String name) {
        return Stream.ofNullable(request.getCookies()).flatMap(Arrays::stream)
                .filter(cookie -> name.equals(cookie.getName()) && !cookie.getValue().isBlank())
                .map(Cookie::getValue);
    }

    private WebSessionResponse issue(TokenPair tokens, String message, HttpServletRequest request,
            HttpServletResponse response) {
        // Cache-Control: no-store comes with every answer under /api/auth/ (RequestEdgeFilter)
        if (request.isSecure()) {
            response.addHeader(HttpHeaders.SET_COOKIE, hostCookie(tokens.refreshToken(), cookieLifetime).toString());
            if (valuesOf(request, COOKIE).findAny().isPresent()) {
                // the session's cookie of before, which a site on a parent domain could shadow, is replaced
                response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString());
            }
        } else {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(tokens.refreshToken(), cookieLifetime, request).toString());
        }
        return new WebSessionResponse(message, tokens.accessToken(), AuthMapper.TOKEN_TYPE,
                tokens.accessTokenTtl().toSeconds());
    }

    private static void clearCookie(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString());
        if (request.isSecure()) {
            response.addHeader(HttpHeaders.SET_COOKIE, hostCookie("", Duration.ZERO).toString());
        }
    }

    /** The cookie over plain HTTP (and of sessions begun before 2026-12-06): this path only. */
    private static ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .path(PATH)
                .maxAge(maxAge)
                .build();
    }

    /** The cookie over HTTPS: the {@code __Host-} prefix requires {@code Secure}, the path {@code /} and no domain. */
    private static ResponseCookie hostCookie(String value, Duration maxAge) {
        return ResponseCookie.from(HOST_COOKIE, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
