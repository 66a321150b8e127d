package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void flagsTakeEitherFormAndDefaultsAreRecorded() {
        Options o = Options.parse("fanout", "--rooms=3", "--step-seconds", "0.5", "--verify-stored");

        assertThat(o.scenario()).isEqualTo("fanout");
        assertThat(o.integer("rooms", 20, 1, 100)).isEqualTo(3);
        assertThat(o.seconds("step-seconds", 30, 0.1, 60)).isEqualTo(Duration.ofMillis(500));
        assertThat(o.flag("verify-stored")).isTrue();
        assertThat(o.integers("rates", "250,500", 10_000)).containsExactly(250, 500);
        assertThat(o.used()).containsEntry("rates", "250,500").containsEntry("rooms", "3");
        assertThat(o.unknown()).isEmpty();
    }

    @Test
    void aFlagNoScenarioReadsIsReported() {
        Options o = Options.parse("smoke", "--romos=3");
        o.integer("rooms", 2, 1, 10);

        assertThat(o.unknown()).containsExactly("romos");
    }

    @Test
    void badValuesNameTheFlag() {
        Options o = Options.parse("smoke", "--rooms=lots", "--members=0", "--rates=10,-5");

        assertThatThrownBy(() -> o.integer("rooms", 2, 1, 10)).hasMessageContaining("--rooms must be a whole number");
        assertThatThrownBy(() -> o.integer("members", 2, 2, 10)).hasMessageContaining("--members must be between 2 and 10");
        assertThatThrownBy(() -> o.integers("rates", "1", 100)).hasMessageContaining("--rates");
    }

    @Test
    void theScenarioComesFirst() {
        assertThatThrownBy(() -> Options.parse("--rooms=2")).isInstanceOf(Options.UsageException.class);
        assertThatThrownBy(() -> Options.parse()).isInstanceOf(Options.UsageException.class);
    }

    @Test
    void unknownScenariosAndFlagsStopBeforeAnythingRuns() {
        var out = new java.io.ByteArrayOutputStream();
        int code = LoadGenerator.run(new String[] {"smoke", "--base-url=http://127.0.0.1:1", "--no-such=1"},
                new java.io.PrintStream(out, true));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("unknown flag(s) for smoke: [no-such]");
        assertThat(LoadGenerator.run(new String[] {"stress"}, new java.io.PrintStream(out, true))).isEqualTo(2);
    }
}
