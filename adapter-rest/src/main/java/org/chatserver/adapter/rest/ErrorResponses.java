package org.chatserver.adapter.rest;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error answers in {@code /openapi.json}: without this, every call there declared only its 200, and a
 * client generated from the description had no type for the body every error carries. Each operation
 * gets what holds for it by construction:
 * <ul>
 *   <li>{@code default}: any other status is an error with the {@value #PROBLEM} body, whose string
 *       {@code detail} says what is wrong (docs/API.md lists the statuses of each call);</li>
 *   <li>{@code 401} where the call needs an access token ({@link BearerAuthInterceptor} refuses it
 *       before the handler runs);</li>
 *   <li>{@code 422} where the call reads a JSON body ({@link RestExceptionHandler} refuses a missing
 *       field, or one of the wrong type or value, with {@code errors} naming each).</li>
 * </ul>
 * A status a handler declares itself ({@code FileController}'s 404 and 416) is left as it is.
 */
final class ErrorResponses implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";

    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (path.startsWith("/api/")) {
                declare(operation);
            }
        }));
    }

    private static void declare(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (needsToken(operation)) {
            add(responses, "401", "No valid access token: missing, malformed or expired (refresh it and retry)");
        }
        if (readsJson(operation)) {
            add(responses, "422", "A field of the body is missing, or of the wrong type or value; `errors` names each");
        }
        add(responses, "default", "Refused or failed: the status says which kind, `detail` what is wrong");
    }

    /** The global bearer requirement applies unless the handler cleared it ({@code @SecurityRequirements}). */
    private static boolean needsToken(Operation operation) {
        return operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    }

    private static boolean readsJson(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("application/json");
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        Content content = new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
        responses.addApiResponse(status, new ApiResponse().description(description).content(content));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, as named in the body"))
                .addProperty("message", new StringSchema().description("what is wrong with it"));
        return new ObjectSchema()
                .description("Every error's body (RFC 9457): clients read `detail`")
                .addProperty("detail", new StringSchema().description("what is wrong, for people"))
                .addProperty("status", new IntegerSchema().description("the HTTP status again"))
                .addProperty("title", new StringSchema().description("the status's reason phrase"))
                .addProperty("instance", new StringSchema().description("the path of the request"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("422 only: each field that is wrong"))
                .required(List.of("detail"));
    }
}
