package org.corridor.support.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.corridor.support.crash.FaultCampaign.Fault;
import org.corridor.support.crash.FaultCampaign.Row;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign's short version: the real gateway, in a JVM of its own, while its HTTP partner answers 500 for
 * 10 s, loses nothing, sends nothing twice and keeps its health endpoint answering (bench/faults.sh runs every fault).
 */
class FaultDurabilityTest {

    @Test
    void anHttpPartnerAnswering500ForTenSecondsLosesNothingAndDuplicatesNothing() {
        Path root = Path.of("target", "faults-test", "run-" + System.currentTimeMillis())
                .toAbsolutePath();

        Row row = FaultCampaign.once(Fault.HTTP_500, 20, root);

        assertThat(row.gatewayDid()).startsWith("the buyer answered").doesNotStartWith("the buyer answered 0 ");
        assertThat(row.delivered()).as(row.toString()).isEqualTo(row.inputs());
        assertThat(row.lost()).as(row.toString()).isZero();
        assertThat(row.duplicated()).as(row.toString()).isZero();
        assertThat(row.stuck() + row.inError()).as(row.toString()).isZero();
        assertThat(row.inconsistent()).as(row.toString()).isEmpty();
        assertThat(row.healthAnswered()).as(row.health()).isTrue();
    }
}
