package org.chatserver.adapter.rest.file;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.attachment.ServeAttachmentUseCase.ServedFile;
import org.chatserver.application.port.in.attachment.ServeAttachmentUseCase;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands out stored files to anyone who knows a name: the names are random, so the URL is the
 * capability, and the app loads images with plain loaders that send no bearer. Whatever was
 * uploaded, a browser never runs it: the type is the one the server detected, {@code nosniff}
 * forbids guessing another, documents download instead of rendering, and a sandboxing CSP covers
 * anything rendered anyway.
 */
@RestController
@Tag(name = "files")
public class FileController {

    private static final Logger LOG = LoggerFactory.getLogger(FileController.class);
    static final String NOT_FOUND = "File not found";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";
    /** A name never gets other bytes, so clients may keep a file for as long as they like. */
    static final String CACHE_FOREVER = "private, max-age=31536000, immutable";
    /** The redirect target expires soon; caching the redirect would outlive it. */
    static final String NO_STORE = "no-store";
    private static final String CONTENT_SECURITY_POLICY_HEADER = "Content-Security-Policy";
    private static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    private static final String BYTES = "bytes";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ServeAttachmentUseCase serve;

    public FileController(ServeAttachmentUseCase serve) {
        this.serve = serve;
    }

    @RequestMapping(path = "/api/files/{name}", method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "Download a stored file (no token)",
            description = "Images, audio and video are served inline, anything else as an attachment. Supports "
                    + "`If-None-Match` / `If-Modified-Since` (304), one `Range` (206; several ranges get the "
                    + "whole file), `If-Range` and HEAD. May answer 302 to a short-lived URL of the store.")
    @ApiResponse(responseCode = "200", description = "The whole file",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "206", description = "The requested range, with `Content-Range`",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "302", description = "Fetch the file from `Location` instead", content = @Content)
    @ApiResponse(responseCode = "304", description = "The client's copy is current", content = @Content)
    @ApiResponse(responseCode = "404", description = "`File not found`, also for names that cannot be one")
    @ApiResponse(responseCode = "416", description = "No byte of the file lies in the range; `Content-Range: bytes */<size>`")
    @SecurityRequirements
    void download(@Parameter(description = "the stored name, as in `file_url`") @PathVariable("name") String name,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServedFile file = serve.describe(name).orElseThrow(FileController::notFound);
        if (file.redirect().isPresent()) {
            response.setStatus(HttpStatus.FOUND.value());
            response.setHeader(HttpHeaders.LOCATION, file.redirect().get().toASCIIString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            return;
        }
        String etag = quoted(file.etag());
        if (Preconditions.notModified(request.getHeaders(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), etag, file.lastModified())) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER);
            return;
        }
        if (RequestMethod.HEAD.name().equals(request.getMethod())) {
            // RFC 9110 defines ranges for GET only, so a HEAD describes the whole file
            representationHeaders(response, file, etag);
            response.setContentLengthLong(file.size());
            return;
        }
        ByteRange range = requestedRange(request, file, etag);
        try (StoredObject object = serve.open(name, range).orElseThrow(FileController::notFound)) {
            representationHeaders(response, file, etag);
            if (object.isPartial()) {
                response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
                response.setHeader(HttpHeaders.CONTENT_RANGE, BYTES + " " + object.range().first() + "-"
                        + object.range().last() + "/" + object.info().size());
            }
            response.setContentLengthLong(object.contentLength());
            copy(object.content(), response.getOutputStream(), name);
        }
    }

    /** The range to send, null for the whole file; throws the 416 answer for one that misses the file. */
    private static ByteRange requestedRange(HttpServletRequest request, ServedFile file, String etag) {
        String header = request.getHeader(HttpHeaders.RANGE);
        if (header == null
                || !Preconditions.rangeAllowed(request.getHeader(HttpHeaders.IF_RANGE), etag, file.lastModified())) {
            return null;
        }
        return switch (RangeHeader.parse(header, file.size())) {
            case RangeHeader.Whole whole -> null;
            case RangeHeader.Part part -> part.range();
            case RangeHeader.Unsatisfiable unsatisfiable -> throw rangeNotSatisfiable(file.size());
        };
    }

    private static void representationHeaders(HttpServletResponse response, ServedFile file, String etag) {
        response.setHeader(HttpHeaders.CONTENT_TYPE, file.contentType());
        response.setHeader(NOSNIFF_HEADER, "nosniff");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition());
        response.setHeader(CONTENT_SECURITY_POLICY_HEADER, CONTENT_SECURITY_POLICY);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.lastModified().toEpochMilli());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, BYTES);
    }

    private static String quoted(String etag) {
        String bare = etag.startsWith("\"") && etag.endsWith("\"") && etag.length() > 1
                ? etag.substring(1, etag.length() - 1) : etag;
        return "\"" + bare + "\"";
    }

    /**
     * A failing store is an error worth logging (it propagates; the client sees a cut-off body); a
     * client that goes away mid-download is not, and is common with media players.
     */
    private static void copy(InputStream content, OutputStream out, String name) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = content.read(buffer)) != -1) {
            try {
                out.write(buffer, 0, n);
            } catch (IOException clientGone) {
                LOG.debug("download of {} ended by the client: {}", name, clientGone.toString());
                return;
            }
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException(NOT_FOUND);
    }

    private static ErrorResponseException rangeNotSatisfiable(long size) {
        HttpStatus status = HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
        ErrorResponseException refusal = new ErrorResponseException(status,
                ProblemDetail.forStatusAndDetail(status, "Range Not Satisfiable"), null);
        refusal.getHeaders().set(HttpHeaders.CONTENT_RANGE, BYTES + " */" + size);
        return refusal;
    }
}
