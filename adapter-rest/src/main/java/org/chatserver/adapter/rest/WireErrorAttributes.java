package org.chatserver.adapter.rest;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that never reach Spring MVC (the servlet container refusing a malformed request, a
 * filter failing) are rendered by Boot's {@code /error} page; this gives that JSON the same
 * string {@code detail} the clients read everywhere else, and a server fault the request's id
 * ({@code request_id}) as {@link RestExceptionHandler} gives it. The exception text stays out of it,
 * as Boot's defaults already keep messages and stack traces out.
 */
final class WireErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
        Object status = attributes.get("status");
        HttpStatus known = status instanceof Integer code ? HttpStatus.resolve(code) : null;
        String detail;
        if (known == null || known == HttpStatus.INTERNAL_SERVER_ERROR) {
            detail = RestExceptionHandler.INTERNAL_ERROR;
        } else {
            detail = known.getReasonPhrase();
        }
        attributes.put("detail", detail);
        String id = RequestIdFilter.of(webRequest);
        if ((known == null || known.is5xxServerError()) && id != null) {
            attributes.put(RestExceptionHandler.REQUEST_ID, id);
        }
        return attributes;
    }
}
