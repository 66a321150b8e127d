package org.chatserver.adapter.rest.user;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chatserver.adapter.rest.MisspeltKeys;
import org.chatserver.domain.InvalidValueException;

/**
 * A partial update: a key left out keeps its value. A privacy switch left as it was by mistake is harm done, so
 * {@code share_read_receipts} misspelt ({@code share_read_receipt}, {@code shareReadReceipts}) and null for it (which
 * says nothing) are refused, not taken as "left out". Other keys are ignored, as in every body. A class, not a record:
 * only a setter tells a key given as null from a key left out.
 */
final class SettingsRequest {

    private static final String SHARE_READ_RECEIPTS = "share_read_receipts";

    private Boolean shareReadReceipts;
    private boolean shareReadReceiptsGiven;
    private final Map<String, Object> unknown = new LinkedHashMap<>();

    @JsonProperty(SHARE_READ_RECEIPTS)
    @Schema(description = "false: appear in no seen-by list and send no read frames")
    void setShareReadReceipts(Boolean value) {
        shareReadReceipts = value;
        shareReadReceiptsGiven = true;
    }

    @JsonAnySetter
    void otherKey(String key, Object value) {
        unknown.put(key, value);
    }

    /** The new value of the switch (null: left out), refusing it misspelt or null. */
    Boolean checkedShareReadReceipts() {
        if (shareReadReceiptsGiven && shareReadReceipts == null) {
            throw new InvalidValueException(SHARE_READ_RECEIPTS, "{} must be a boolean");
        }
        MisspeltKeys.refuse(unknown, SHARE_READ_RECEIPTS);
        return shareReadReceipts;
    }
}
