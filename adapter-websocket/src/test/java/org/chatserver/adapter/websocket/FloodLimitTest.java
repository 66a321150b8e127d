package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.websocket.FloodLimit.Verdict.ADMIT;
import static org.chatserver.adapter.websocket.FloodLimit.Verdict.CLOSE;
import static org.chatserver.adapter.websocket.FloodLimit.Verdict.REFUSE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 20 frames a second, 40 at once, closing after 40 refusals in a row: the defaults, on a clock stepped by hand. */
class FloodLimitTest {

    private static final long MS = 1_000_000L;

    private final FloodLimit limit = new FloodLimit(20, 40, 40, 0);

    @Test
    void aBurstIsAdmittedThenTheRateThenRefusalsUntilTheClose() {
        List<FloodLimit.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 82; i++) {
            verdicts.add(limit.arrived(0));
        }

        assertThat(verdicts.subList(0, 40)).containsOnly(ADMIT);
        assertThat(verdicts.subList(40, 80)).containsOnly(REFUSE);
        assertThat(verdicts.subList(80, 82)).containsOnly(CLOSE);
    }

    @Test
    void aClientBelowTheRateIsNeverRefusedHoweverLongItKeepsGoing() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(limit.arrived(i * 60 * MS)).isEqualTo(ADMIT);
        }
    }

    @Test
    void anAdmittedFrameEndsARunOfRefusals() {
        for (int i = 0; i < 40; i++) {
            limit.arrived(0);
        }
        for (int i = 0; i < 40; i++) {
            assertThat(limit.arrived(0)).isEqualTo(REFUSE);
        }
        assertThat(limit.arrived(50 * MS)).isEqualTo(ADMIT);
        for (int i = 0; i < 40; i++) {
            assertThat(limit.arrived(50 * MS)).isEqualTo(REFUSE);
        }
        assertThat(limit.arrived(50 * MS)).isEqualTo(CLOSE);
    }
}
