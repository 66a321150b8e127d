package org.chatserver.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code chat.*} setting refused by its properties' constraints, said as the operator writes it. Spring Boot's own
 * report named the Java field ({@code Property: chat.messages.maxBatch}, {@code chat.auth.refreshTokenTtlAtLeastTheAccessTokens
 * Value: "false"}) where the operator wrote {@code chat.messages.max-batch}, and ended with "Update your application's
 * configuration". Here each refusal is one sentence, {@code chat.messages.max-batch must be less than or equal to 1000}
 * (a constraint whose message already names the settings is given as it is), with the environment variable to
 * correct. The value is not repeated: it may be a secret.
 */
public final class ValidatedSettingFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
        implements Ordered {

    private static final Pattern A_SETTING = Pattern.compile("^(chat\\.[a-z0-9.-]*[a-z0-9])[ :]");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        String prefix = errors.getName().toString();
        if (!prefix.equals("chat") && !prefix.startsWith("chat.")) {
            return null;
        }
        List<String> refusals = new ArrayList<>();
        String first = null;
        for (ObjectError error : errors.getAllErrors()) {
            String message = String.valueOf(error.getDefaultMessage());
            Matcher named = A_SETTING.matcher(message);
            String property;
            if (named.find()) {
                property = named.group(1);
                refusals.add(message);
            } else {
                property = error instanceof FieldError field ? prefix + "." + dashed(field.getField()) : prefix;
                refusals.add(property + " " + message);
            }
            first = first == null ? property : first;
        }
        if (first == null) {
            return null;
        }
        return new FailureAnalysis(String.join("; ", refusals) + ".", "Correct " + first + " (environment variable "
                + SettingFailureAnalyzer.environmentName(first) + ") and start again.", cause);
    }

    /** {@code messages.maxBatch} as written in settings: {@code messages.max-batch}. */
    static String dashed(String fieldPath) {
        return Arrays.stream(fieldPath.split("\\.")).map(DataObjectPropertyName::toDashedForm)
                .collect(Collectors.joining("."));
    }

    /** Before Spring Boot's own analyzer of the same failures. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
