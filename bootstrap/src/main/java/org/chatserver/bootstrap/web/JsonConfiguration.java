package org.chatserver.bootstrap.web;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * How the REST API reads JSON (the WebSocket adapter reads its frames with a mapper of its own).
 * Bodies are already at most {@code chat.http.max-json-body} long; these limits bound what
 * parsing one may cost within that, and keep the wire types strict.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /** Far above any real request: names and passwords are tens of characters, room names 64. */
    static final int MAX_STRING_CHARS = 64 * 1024;
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_CHARS = 32;
    static final int MAX_NAME_CHARS = 256;

    @Bean
    JsonFactoryBuilderCustomizer boundedJsonReading() {
        // and a key named twice is refused, not read as its last value: a proxy or log reading the first would see
        // another request than the server (422 `body names a key twice`)
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_STRING_CHARS)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .maxNameLength(MAX_NAME_CHARS)
                        .build());
    }

    /**
     * An id is a JSON integer, a flag a JSON boolean and text a JSON string, as the clients send them (and as the
     * WebSocket reads its frames): {@code "1"}, {@code 1.5} for an id, {@code 1} for a flag or {@code 123} for a
     * username is a 422 naming the field, not a guess. A field meant to take either ({@code client_id}) is read as
     * whatever JSON it is and checked by its controller.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
