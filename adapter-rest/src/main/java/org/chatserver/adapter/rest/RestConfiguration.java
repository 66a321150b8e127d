package org.chatserver.adapter.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;
import org.chatserver.adapter.rest.auth.AuthController;
import org.chatserver.adapter.rest.auth.WebSessionController;
import org.chatserver.adapter.rest.file.FileController;
import org.chatserver.adapter.rest.file.UploadController;
import org.chatserver.adapter.rest.message.MessageController;
import org.chatserver.adapter.rest.message.RoomMessageController;
import org.chatserver.adapter.rest.message.ReactionController;
import org.chatserver.adapter.rest.room.ModerationController;
import org.chatserver.adapter.rest.user.UserController;
import org.chatserver.adapter.rest.room.ReadReceiptController;
import org.chatserver.adapter.rest.room.RoomController;
import org.chatserver.adapter.rest.room.RoomMembershipController;
import org.chatserver.adapter.rest.search.SearchController;
import org.chatserver.adapter.rest.message.MentionController;
import org.chatserver.adapter.rest.room.DirectMessageController;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.AuthenticateUseCase;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP adapter as bootstrap imports it: controllers, error mapping and bearer
 * authentication. The use cases the controllers call are bootstrap's beans: the auth use cases,
 * {@code ManageRoomsUseCase}, {@code RoomMembershipUseCase}, {@code ModerateRoomUseCase}, {@code MarkReadUseCase},
 * {@code MessageHistoryUseCase}, {@code ReactUseCase}, {@code UploadAttachmentUseCase} and
 * {@code ServeAttachmentUseCase}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RestProperties.class, AccessLogProperties.class})
@Import({AuthController.class, WebSessionController.class, RoomController.class, RoomMembershipController.class, MessageController.class,
        RoomMessageController.class,
        ReactionController.class, UploadController.class, FileController.class, HealthController.class,
        ReadReceiptController.class, UserController.class,
        ModerationController.class, RestExceptionHandler.class, DecimalIntegers.class, JsonErrorController.class,
        OutageExceptionResolver.class})
@OpenAPIDefinition(
        info = @Info(title = "chat-server", version = "1",
                description = "REST API of a self-hosted chat server, wire-compatible with the PythonSocket clients"),
        // the server that served the description, whatever its address: springdoc would otherwise write the request's
        // Host, and Swagger UI's "Try it out" would send the reader's token wherever a made-up Host (or a cache that
        // kept one) said
        servers = @Server(url = "/", description = "this server"),
        security = @SecurityRequirement(name = RestConfiguration.BEARER_SCHEME))
@SecurityScheme(name = RestConfiguration.BEARER_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class RestConfiguration implements WebMvcConfigurer {

    static final String BEARER_SCHEME = "bearerAuth";
    private static final int AFTER_REQUEST_ID = Ordered.HIGHEST_PRECEDENCE + 1;
    private static final int AFTER_OBSERVATION = Ordered.HIGHEST_PRECEDENCE + 2;

    /** {@code GET /api/search} (issue 12), over bootstrap's {@code SearchMessagesUseCase}. */
    @Configuration(proxyBeanMethods = false)
    @Import(SearchController.class)
    static class Search {
    }

    /** {@code GET /api/mentions} (issue 11), over bootstrap's {@code MentionsUseCase}. */
    @Configuration(proxyBeanMethods = false)
    @Import(MentionController.class)
    static class Mentions {
    }

    /** {@code POST /api/dms} (issue 11), over bootstrap's {@code DirectMessagesUseCase}. */
    @Configuration(proxyBeanMethods = false)
    @Import(DirectMessageController.class)
    static class DirectMessages {
    }

    /**
     * Paths under {@code /api} that answer without a bearer token; everything else under
     * {@code /api} needs one. Matched by path alone: a wrong method on them still gets its 405.
     * Keep the {@code @SecurityRequirements} (no security) marks on their handlers in step.
     */
    static final List<String> PUBLIC_API_PATHS = List.of(
            "/api/auth/signup",
            "/api/auth/login",
            "/api/auth/refresh",
            "/api/auth/web/signup",
            "/api/auth/web/login",
            "/api/auth/web/refresh",
            "/api/reactions/available",
            "/api/files/**");

    /**
     * Paths where the bearer token is one credential among others: logging out also works with the session's refresh
     * token (in the body, or the browser's cookie), so a client whose access token expired need not refresh first. A
     * handler there asks for a {@link BearerCaller} and raises its refusal only when it has no other credential.
     */
    static final List<String> BEARER_OPTIONAL_PATHS = List.of(
            "/api/auth/logout",
            "/api/auth/web/logout");

    static {
        // resolved from the bearer token, not from the request: keep it out of the API docs
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class, BearerCaller.class);
    }

    private final AuthenticateUseCase authenticate;

    public RestConfiguration(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(BearerAuthInterceptor.required(authenticate))
                .addPathPatterns("/api/**")
                .excludePathPatterns(PUBLIC_API_PATHS)
                .excludePathPatterns(BEARER_OPTIONAL_PATHS);
        registry.addInterceptor(BearerAuthInterceptor.optional(authenticate))
                .addPathPatterns(BEARER_OPTIONAL_PATHS);
    }

    /**
     * The API reads and writes JSON only. A library that brings another Jackson format onto the classpath (YAML
     * comes with the OpenAPI tooling) would otherwise have Spring read bodies in it, past the strict JSON reader
     * ({@code up_to: 0x1F} taken, a key given twice a 500), and answer in it to an {@code Accept} asking for it.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(RestConfiguration::speaksNoJson));
    }

    private static boolean speaksNoJson(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().map(MediaType::getSubtype)
                .anyMatch(subtype -> subtype.contains("yaml") || subtype.contains("cbor") || subtype.contains("smile"));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    /**
     * First of all, for every path: whatever is logged while a request is handled, its refusals by the filters
     * below included, carries the request's id.
     */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Inside the request id (the line names it), around everything that may answer: it logs every status. */
    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter(AccessLogProperties properties) {
        FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(new AccessLogFilter());
        registration.setOrder(AFTER_REQUEST_ID);
        registration.setEnabled(properties.enabled());
        return registration;
    }

    /**
     * Before every filter that reads a body or a parameter: nothing may read one before these checks. After the
     * request id and the HTTP metrics' observation filter (Spring Boot's, at {@code HIGHEST_PRECEDENCE + 1}), which
     * read neither: registered first, as it was until 2026-12-07, its refusals (413, 415, 400) were missing from
     * {@code http_server_requests}.
     */
    @Bean
    FilterRegistrationBean<RequestEdgeFilter> requestEdgeFilter(RestProperties properties) {
        FilterRegistrationBean<RequestEdgeFilter> registration =
                new FilterRegistrationBean<>(new RequestEdgeFilter(properties.maxJsonBody()));
        registration.setOrder(AFTER_OBSERVATION);
        return registration;
    }

    @Bean
    ErrorAttributes errorAttributes() {
        return new WireErrorAttributes();
    }

    /** The error answers of each call in {@code /openapi.json}. */
    @Bean
    OpenApiCustomizer errorResponses() {
        return new ErrorResponses();
    }
}
