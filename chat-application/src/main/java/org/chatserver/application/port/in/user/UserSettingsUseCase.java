package org.chatserver.application.port.in.user;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.User;

/** What users decide about themselves. */
public interface UserSettingsUseCase {

    Settings settings(AuthenticatedUser caller);

    /** Applies the settings given (null: unchanged) and returns them all. */
    Settings change(AuthenticatedUser caller, SettingsChange change);

    /** @param shareReadReceipts null leaves it as it is */
    record SettingsChange(Boolean shareReadReceipts) {
    }

    record Settings(User user, boolean shareReadReceipts) {
    }
}
