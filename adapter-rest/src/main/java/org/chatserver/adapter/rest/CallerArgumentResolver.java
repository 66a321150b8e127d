package org.chatserver.adapter.rest;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the caller that {@link BearerAuthInterceptor} established to an {@link AuthenticatedUser} parameter. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedUser.class;
    }

    @Override
    public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object caller = webRequest.getAttribute(BearerAuthInterceptor.CALLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof AuthenticatedUser user) {
            return user;
        }
        // a handler on a public path asked for a caller: refuse rather than hand it null
        throw BearerAuthenticationException.missing();
    }
}
