package org.chatserver.adapter.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "health")
class HealthController {

    private static final HealthResponse HEALTHY = new HealthResponse("healthy");

    @GetMapping("/health")
    @Operation(summary = "Liveness probe; answers as long as the process serves HTTP")
    @SecurityRequirements
    HealthResponse health() {
        return HEALTHY;
    }

    record HealthResponse(String status) {
    }
}
