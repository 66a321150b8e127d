package org.chatserver.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Boot's {@code /error}, answering the same JSON ({@link WireErrorAttributes}: a string {@code detail}) whatever the
 * request accepts. Boot's own controller answered a request that asks for HTML first, as a browser does, with its
 * "Whitelabel Error Page", and one that accepts neither HTML nor JSON with no body at all.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class JsonErrorController extends AbstractErrorController {

    JsonErrorController(ErrorAttributes errorAttributes) {
        super(errorAttributes, List.of());
    }

    @RequestMapping
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return ResponseEntity.noContent().build();
        }
        // the type set here is the answer's whatever the Accept header says: no negotiation to fail
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(getErrorAttributes(request, ErrorAttributeOptions.defaults()));
    }
}
