package org.chatserver.adapter.rest;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands the caller that {@link BearerAuthInterceptor} established to an {@link AuthenticatedUser} parameter, or,
 * on a path where the bearer token is optional, to a {@link BearerCaller} parameter.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedUser.class
                || parameter.getParameterType() == BearerCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object caller = webRequest.getAttribute(BearerAuthInterceptor.CALLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        Object refusal = webRequest.getAttribute(BearerAuthInterceptor.REFUSAL_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        BearerCaller bearer = new BearerCaller(caller instanceof AuthenticatedUser user ? user : null,
                refusal instanceof BearerAuthenticationException e ? e : null);
        // a handler on a public path that asks for a caller is refused rather than handed null
        return parameter.getParameterType() == BearerCaller.class ? bearer : bearer.required();
    }
}
