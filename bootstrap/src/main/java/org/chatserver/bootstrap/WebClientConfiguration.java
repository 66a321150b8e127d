package org.chatserver.bootstrap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Compression;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the browser client (module {@code web-client}, files under {@code web-client/} on the
 * classpath) at {@code /} in every profile: the page and its assets with a strict
 * Content-Security-Policy, revalidated through ETags on every load, compressed on the wire.
 */
@Configuration(proxyBeanMethods = false)
class WebClientConfiguration implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/web-client/";

    /**
     * Only this server's own scripts, styles, images and connections (REST and, in CSP Level 3,
     * its WebSocket); no inline script or style, no plugins, no framing, no base or form tricks.
     * Trusted Types make every HTML-parsing sink (innerHTML and friends) throw: the client builds
     * its DOM node by node and renders text as text.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob:",
            "media-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");

    /**
     * The API's description (Swagger UI at {@code /docs}), which shares the client's origin and so could ask for a token
     * with its session cookie: as strict for scripts, framing and connections, but Swagger UI sets styles inline, draws
     * icons from {@code data:} URLs and renders the descriptions' Markdown as HTML, which Trusted Types would refuse.
     */
    static final String API_DOCS_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'");

    private static final Map<String, String> HEADERS = headers(CONTENT_SECURITY_POLICY);
    private static final Map<String, String> API_DOCS_HEADERS = headers(API_DOCS_POLICY);

    /** What Tomcat compresses: the client's text assets. API JSON is left alone (it carries tokens: BREACH). */
    static final String[] COMPRESSED_TYPES = {"text/html", "text/css", "text/javascript", "application/javascript",
            "image/svg+xml"};

    private final Map<String, String> etags = new ConcurrentHashMap<>();

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // no-cache: the browser keeps every file but asks each time, answered 304 while unchanged, so
        // a new version is picked up on the next load without file names that change with content
        registry.addResourceHandler("/index.html").addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache()).setUseLastModified(false).setEtagGenerator(this::etag);
        registry.addResourceHandler("/assets/**").addResourceLocations(LOCATION + "assets/")
                .setCacheControl(CacheControl.noCache()).setUseLastModified(false).setEtagGenerator(this::etag);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(setting(HEADERS)).addPathPatterns("/", "/index.html", "/assets/**");
        registry.addInterceptor(setting(API_DOCS_HEADERS)).addPathPatterns("/swagger-ui/**");
    }

    private static Map<String, String> headers(String policy) {
        return Map.of(
                "Content-Security-Policy", policy,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "X-Frame-Options", "DENY",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Cross-Origin-Resource-Policy", "same-origin",
                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    private static HandlerInterceptor setting(Map<String, String> headers) {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                headers.forEach(response::setHeader);
                return true;
            }
        };
    }

    /**
     * Weak, because Tomcat sends the same file compressed or not (and by default compresses nothing
     * that carries a strong ETag); from the content, because a jar's timestamps say nothing.
     */
    private String etag(Resource resource) {
        return etags.computeIfAbsent(resource.getDescription(), key -> "W/\"" + sha256(resource) + "\"");
    }

    private static String sha256(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()), 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compression for the client's assets, unless the operator configured {@code server.compression} already. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> compressWebClient() {
        return factory -> {
            if (factory.getCompression() != null && factory.getCompression().getEnabled()) {
                return;
            }
            Compression compression = new Compression();
            compression.setEnabled(true);
            compression.setMimeTypes(COMPRESSED_TYPES);
            compression.setMinResponseSize(DataSize.ofBytes(1024));
            factory.setCompression(compression);
        };
    }
}
