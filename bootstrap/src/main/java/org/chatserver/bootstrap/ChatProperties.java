package org.chatserver.bootstrap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the chat core. Adapters have their own ({@code chat.security}, {@code chat.storage}).
 *
 * @param dataDir where the embedded profile keeps its database, files and signing key
 */
@Validated
@ConfigurationProperties("chat")
public record ChatProperties(@NotNull Path dataDir, @Valid @NotNull @DefaultValue Auth auth,
                             @Valid @NotNull @DefaultValue Uploads uploads,
                             @Valid @NotNull @DefaultValue Messages messages,
                             @Valid @NotNull @DefaultValue Typing typing,
                             @Valid @NotNull @DefaultValue Limits limits) {

    /**
     * @param accessTokenTtl        lifetime of access tokens
     * @param refreshTokenTtl       lifetime of an unused refresh token
     * @param refreshRetryWindow    how long a used refresh token, sent again, gets the same new one back (a
     *                              retried refresh) instead of ending its session; 0s: never
     * @param usernameFreeFailures  failed logins for one name before they are slowed down
     * @param addressFreeFailures   failed logins from one address before they are slowed down
     * @param throttleMaxDelay      the longest a throttled client is told to wait
     * @param throttleForgetAfter   failures older than this no longer count
     * @param signupFreeAttempts    sign-ups from one address before further ones are slowed down
     */
    public record Auth(
            @NotNull @DefaultValue("15m") Duration accessTokenTtl,
            @NotNull @DefaultValue("7d") Duration refreshTokenTtl,
            @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 10) @DefaultValue("30s")
            Duration refreshRetryWindow,
            @Min(1) @DefaultValue("5") int usernameFreeFailures,
            @Min(1) @DefaultValue("20") int addressFreeFailures,
            @NotNull @DefaultValue("15m") Duration throttleMaxDelay,
            @NotNull @DefaultValue("1h") Duration throttleForgetAfter,
            @Min(1) @DefaultValue("20") int signupFreeAttempts) {

        /** Checked here, not only by the use case, so that start-up names the two properties at fault. */
        @AssertTrue(message = "chat.auth.refresh-token-ttl must not be shorter than chat.auth.access-token-ttl")
        public boolean isRefreshTokenTtlAtLeastTheAccessTokens() {
            return accessTokenTtl == null || refreshTokenTtl == null || refreshTokenTtl.compareTo(accessTokenTtl) >= 0;
        }
    }

    /**
     * @param maxFileSize   largest accepted upload, inclusive (the multipart limit follows it)
     * @param allowedTypes  detected media types accepted; any of {@code UploadPolicy.KNOWN}
     * @param previewWidth  width in pixels of the previews made for images
     * @param dailyQuota    the most one user may upload in 24 hours (files still kept, previews included); 0: no limit
     * @param unpostedRetention how long an upload may wait for a message to carry it before it is forgotten, file and
     *                      all; 0: kept for good
     * @param unpostedSweepInterval how often each node looks for uploads that waited longer
     */
    public record Uploads(
            @NotNull @DefaultValue("10MB") DataSize maxFileSize,
            @NotEmpty @DefaultValue({"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4",
                    "video/quicktime", "video/x-msvideo", "audio/mpeg", "audio/wav", "audio/mp4",
                    "application/pdf", "application/msword",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
                    "application/vnd.oasis.opendocument.presentation",
                    "text/plain", "text/markdown", "text/csv"}) Set<String> allowedTypes,
            @Min(16) @Max(2048) @DefaultValue("320") int previewWidth,
            @NotNull @DefaultValue("1GB") DataSize dailyQuota,
            @NotNull @DurationMin(seconds = 0) @DefaultValue("24h") Duration unpostedRetention,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration unpostedSweepInterval) {

        @AssertTrue(message = "chat.uploads.daily-quota must not be negative")
        public boolean isDailyQuotaNotNegative() {
            return dailyQuota == null || !dailyQuota.isNegative();
        }
    }

    /**
     * @param editWindow how long after posting its author may edit a message; unset: any time
     * @param maxBatch   group commit: the most posts to one room stored in one transaction (1: each on its own;
     *                   on SQLite a batch holds several rooms' posts); at most 1,000, since a room's part of a
     *                   batch is one insert of 14 parameters a message and SQLite and PostgreSQL bound a
     *                   statement's parameters (32,766 and 65,535)
     * @param maxWaiting posts to one room (SQLite: to any) that may wait while a batch is stored; beyond, a post is
     *                   refused with 503 and Retry-After
     */
    public record Messages(@DurationMin(seconds = 1) Duration editWindow,
                           @Min(1) @Max(1000) @DefaultValue("64") int maxBatch,
                           @Min(1) @Max(1_000_000) @DefaultValue("1000") int maxWaiting) {
    }

    /**
     * @param maxRoomSize the most members a room may have for typing to be relayed in it (0: nowhere);
     *                    in bigger rooms typing frames are not sent
     */
    public record Typing(@Min(0) @DefaultValue("100") int maxRoomSize) {
    }

    /**
     * Per-user limits, counted where the login throttle counts ({@code chat.throttle.type}: one budget for all
     * nodes sharing Redis); a refusal is 429 with {@code Retry-After}. WebSocket posts are limited per connection
     * instead ({@code chat.websocket.frames-per-second}).
     *
     * @param restPostsPerSecond posts over REST ({@code POST /api/rooms/{room_id}/messages}) a user may make each
     *                           second, sustained; 0: no limit (nothing counted)
     * @param restPostBurst      posts over REST a user may make at once, before the sustained rate applies
     * @param roomsPerHour       rooms and new direct messages a user may open each hour, sustained (one budget); 0: no
     *                           limit
     * @param roomBurst          rooms and new direct messages a user may open at once
     */
    public record Limits(@Min(0) @Max(1_000_000) @DefaultValue("10") int restPostsPerSecond,
                         @Min(1) @Max(1_000_000_000) @DefaultValue("50") int restPostBurst,
                         @Min(0) @Max(1_000_000_000) @DefaultValue("60") int roomsPerHour,
                         @Min(1) @Max(1_000_000_000) @DefaultValue("20") int roomBurst) {
    }
}
