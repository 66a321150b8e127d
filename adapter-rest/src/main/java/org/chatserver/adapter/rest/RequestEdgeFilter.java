package org.chatserver.adapter.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first look at every request, before anything parses it:
 * <ul>
 * <li>a query string that is not percent-encoded UTF-8 ({@code ?token=%ff}), has a parameter without a name
 *     ({@code ?=5}) or more than {@value #MAX_QUERY_PARAMETERS} parameters is a 400, on any path, instead of a
 *     500 wherever Tomcat first reads a parameter and throws;</li>
 * <li>a query parameter of the API given twice ({@code ?q=apple&q=banana}) is a 422 naming it, and one of a
 *     WebSocket handshake ({@code ?since=c9&since=c1}) a 400: every parameter of ours takes one value, and the
 *     framework would have joined the two with a comma, or taken the first;</li>
 * <li>a body larger than {@code chat.http.max-json-body} is a 413, multipart uploads excepted: by its
 *     {@code Content-Length}, or, sent in chunks, as soon as more than the limit has arrived; the body
 *     is read in full before any parser sees it;</li>
 * <li>a body with a {@code Content-Encoding} (gzip, …) is a 415, and a JSON body that is not strictly UTF-8 a 422,
 *     before a parser reads it as something else;</li>
 * <li>{@code /error} asked for directly is a 404: it is where the container forwards its own errors,
 *     not a resource;</li>
 * <li>every answer under {@code /api/auth/} says {@code Cache-Control: no-store}, refusals included: they carry
 *     tokens (RFC 6749 §5.1), and no cache between may keep one.</li>
 * </ul>
 */
final class RequestEdgeFilter extends OncePerRequestFilter {

    static final String BAD_QUERY = "The query string is not valid: use percent-encoded UTF-8 (e.g. %C3%A9 for é)";
    static final String NAMELESS = "The query string is not valid: every parameter needs a name (name=value)";
    /** Ours take at most six; Tomcat would throw past its own limit (1,000). */
    static final int MAX_QUERY_PARAMETERS = 100;
    static final String TOO_MANY = "The query string is not valid: it has more than " + MAX_QUERY_PARAMETERS
            + " parameters";
    static final String ERROR_PATH = "/error";
    static final String TWO_CREDENTIALS = "The Authorization header must be given once";
    private static final String API = "/api/";
    private static final String WEBSOCKETS = "/ws/";
    private static final String AUTH = "/api/auth/";
    private static final Set<String> KNOWN_CODINGS = Set.of("gzip", "x-gzip", "deflate", "br", "compress", "zstd");

    private final long maxBody;
    private final String tooLarge;

    RequestEdgeFilter(DataSize maxBody) {
        this.maxBody = maxBody.toBytes();
        this.tooLarge = "Request body must be at most " + describe(maxBody) + " (uploads: multipart/form-data)";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().startsWith(AUTH)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        }
        if (ERROR_PATH.equals(request.getRequestURI())) {
            ProblemWriter.write(request, response, HttpStatus.NOT_FOUND, "Not Found");
            return;
        }
        String unreadable = !isWellEncoded(request.getQueryString()) ? BAD_QUERY : unreadable(request.getQueryString());
        if (unreadable != null) {
            ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, unreadable);
            return;
        }
        if (givenTwice(request, HttpHeaders.AUTHORIZATION)) {
            // one credential a request: a proxy that checks the last would let through what the server reads first
            ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, TWO_CREDENTIALS);
            return;
        }
        boolean api = request.getRequestURI().startsWith(API);
        String repeated = api || request.getRequestURI().startsWith(WEBSOCKETS)
                ? repeatedName(request.getQueryString()) : null;
        if (repeated != null) {
            if (api) {
                ProblemWriter.unprocessable(request, response, repeated, repeated + " must be given once");
            } else {
                // a handshake's refusals of its parameters are 400s (websocket.md)
                ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, repeated + " must be given once");
            }
            return;
        }
        String contentEncoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        String coding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (hasBody(request) && !coding.equals("identity")) {
            // the body would reach a parser still compressed, and be refused as something it is not;
            // named back only when it is a coding this answer knows: a header's text is never echoed
            ProblemWriter.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding "
                    + (KNOWN_CODINGS.contains(coding) ? coding + " " : "")
                    + "is not supported: send the body uncompressed");
            return;
        }
        if (isMultipart(request) || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBody) {
            ProblemWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBody);
        if (body == null) {
            ProblemWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge);
            return;
        }
        boolean json = isJson(request);
        if (json && !isUtf8(body)) {
            // JSON is UTF-8 (RFC 8259); the parser would read an overlong form ({@code C0 AF}) as the character it
            // spells ('/') instead of refusing it
            ProblemWriter.unprocessable(request, response, "body", "body is not valid UTF-8");
            return;
        }
        chain.doFilter(json ? new Utf8JsonBody(request, body) : new BufferedBody(request, body), response);
    }

    private static boolean givenTwice(HttpServletRequest request, String header) {
        Enumeration<String> values = request.getHeaders(header);
        if (values == null || !values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return values.hasMoreElements();
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    /** Strictly: overlong forms, surrogates and bytes past U+10FFFF are malformed to the JDK's decoder. */
    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The first parameter name the query string gives twice, decoded; null when none is. Read from the query
     * string itself: asking the request for its parameters would parse a multipart body too.
     */
    static String repeatedName(String query) {
        if (query == null || query.indexOf('&') < 0) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (!seen.add(name)) {
                return name;
            }
        }
        return null;
    }

    /**
     * Why Tomcat would refuse to read the query string's parameters, by throwing where one is first read: a parameter
     * without a name, or too many. Null when it reads them. Empty pairs ({@code a=1&&b=2}) it skips, and so do we.
     */
    static String unreadable(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        int parameters = 0;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.charAt(0) == '=') {
                return NAMELESS;
            }
            if (++parameters > MAX_QUERY_PARAMETERS) {
                return TOO_MANY;
            }
        }
        return null;
    }

    /** Every {@code %} starts two hex digits, and the bytes they spell are UTF-8. */
    static boolean isWellEncoded(String query) {
        if (query == null || query.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int high = Character.digit(query.charAt(i + 1), 16);
                int low = Character.digit(query.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return isUtf8(bytes.toByteArray());
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean hasBody(HttpServletRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return request.getContentLengthLong() > 0 || (encoding != null && !encoding.isBlank());
    }

    /** The whole body, or null as soon as it proves longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 8192));
        byte[] chunk = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }

    /**
     * A JSON body, read as the UTF-8 it was just checked to be, whatever charset its {@code Content-Type} names. JSON
     * has no charset parameter (RFC 8259 §11: adding one "has no effect on compliant recipients"), but the framework
     * decoded the body with it: {@code café} sent with {@code charset=iso-8859-1} was stored as {@code cafÃ©}, a
     * password signed up so could not log in with a plain {@code application/json}, and a charset Java does not know
     * ({@code charset=foo}) was a 415 saying the Content-Type was missing. The type is passed on without its
     * parameters, as {@code application/json;charset=UTF-8}.
     */
    private static final class Utf8JsonBody extends BufferedBody {

        private final String contentType;

        Utf8JsonBody(HttpServletRequest request, byte[] body) {
            super(request, body);
            String type = request.getContentType();
            int parameters = type.indexOf(';');
            this.contentType = (parameters < 0 ? type : type.substring(0, parameters)).strip() + ";charset=UTF-8";
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public void setCharacterEncoding(String encoding) {
            // the body is UTF-8; nothing downstream may read it as anything else
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(contentType)) : super.getHeaders(name);
        }
    }

    /** The request with its body already read, served again from memory. */
    private static class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has already been read");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(encoding == null
                    ? new InputStreamReader(getInputStream(), StandardCharsets.UTF_8)
                    : new InputStreamReader(getInputStream(), encoding));
        }
    }
}
