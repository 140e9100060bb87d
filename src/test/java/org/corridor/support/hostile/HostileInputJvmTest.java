package org.corridor.support.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.corridor.support.hostile.HostileCampaign.Row;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input campaign's short version: every case of bench/hostile.sh at scale 0.01 (an 80 MB file instead of
 * 1 GB, 2 MB lines, 10,000 columns and elements) against the real gateway in a JVM of its own: each refused as
 * expected, nothing leaked, the gateway healthy throughout.
 */
class HostileInputJvmTest {

    @Test
    void everyHostileInputIsRefusedAsExpectedWithNothingLeakedAndTheGatewayHealthy() {
        Path root = Path.of("target", "hostile-test", "run-" + System.currentTimeMillis())
                .toAbsolutePath();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<Row> rows = HostileCampaign.run(0.01, root, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(rows).as(table).hasSize(20);
        assertThat(rows)
                .as(table)
                .allSatisfy(
                        row -> assertThat(row.explained()).as(row.toString()).isTrue());
        assertThat(HostileCampaign.summary(rows)).isEqualTo("20/20 hostile cases: refused as expected, 0 unexplained");
    }
}
