package org.chatserver.bootstrap;

import io.micrometer.common.KeyValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The {@code uri} tag of {@code http_server_requests} for a request refused before a handler was chosen: the route its
 * path belongs to ({@code /api/rooms/{room_id}/messages}, {@code /ws/chat/{room}}) instead of {@code UNKNOWN}. Spring
 * tags a request with the pattern of the handler that took it; a refusal of the method (405), the body's type (415)
 * or anything the edge filter refuses (400, 413, 415, 422) comes before any handler, and all of them were one
 * {@code uri="UNKNOWN"} series that said nowhere what was refused. The routes are the application's own handler
 * mappings' patterns, so the tag's values stay a small fixed set whatever paths clients send; a path no route matches
 * keeps {@code UNKNOWN}, and 404s and redirects keep Spring's {@code NOT_FOUND} and {@code REDIRECTION}.
 */
final class RouteUriTags extends DefaultServerRequestObservationConvention {

    private final ListableBeanFactory beans;
    private volatile List<PathPattern> routes;

    RouteUriTags(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    protected KeyValue uri(ServerRequestObservationContext context) {
        if (context.getPathPattern() == null && context.getCarrier() != null && context.getResponse() != null) {
            int status = context.getResponse().getStatus();
            if (status != 404 && (status < 300 || status >= 400)) {
                String route = route(context.getCarrier().getRequestURI());
                if (route != null) {
                    return KeyValue.of("uri", route);
                }
            }
        }
        return super.uri(context);
    }

    /** The most specific route whose pattern matches the path, by the path alone; null when none does. */
    String route(String requestUri) {
        PathContainer path = PathContainer.parsePath(requestUri);
        return routes().stream().filter(pattern -> pattern.matches(path)).min(PathPattern.SPECIFICITY_COMPARATOR)
                .map(PathPattern::getPatternString).orElse(null);
    }

    /** Read at the first refusal: by then every handler mapping has registered its handlers. */
    private List<PathPattern> routes() {
        List<PathPattern> known = routes;
        if (known == null) {
            List<PathPattern> found = new ArrayList<>();
            beans.getBeansOfType(RequestMappingInfoHandlerMapping.class, false, false).values()
                    .forEach(mapping -> mapping.getHandlerMethods().keySet().stream()
                            .filter(info -> info.getPathPatternsCondition() != null)
                            .forEach(info -> found.addAll(info.getPathPatternsCondition().getPatterns())));
            beans.getBeansOfType(AbstractUrlHandlerMapping.class, false, false).values()
                    .forEach(mapping -> found.addAll(mapping.getPathPatternHandlerMap().keySet()));
            found.sort(Comparator.comparing(PathPattern::getPatternString));
            known = List.copyOf(found);
            routes = known;
        }
        return known;
    }
}
