package org.chatserver.bootstrap;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** {@link UnknownSettingCheck}'s refusal, said as what to do, without a stack trace. */
public final class UnknownSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingCheck.UnknownSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownSettingCheck.UnknownSettings cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct or remove "
                + "them and start again. docs/operations.md lists the settings; each jar describes its own in "
                + UnknownSettingCheck.METADATA + ", from which editors complete them.", cause);
    }
}
