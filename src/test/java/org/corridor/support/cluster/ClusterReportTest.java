package org.corridor.support.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.corridor.support.cluster.ClusterReport.Context;
import org.corridor.support.cluster.ClusterReport.Row;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ClusterReportTest {

    private static final Context CONTEXT =
            new Context("2026-12-05T07:00:00Z", "2 CPUs", "bench/run.sh --nodes 2 1000", "abc1234", 500, "C1 and C2");

    /**
     * 1000 documents in 20 s; gateway 10 s, broker 2 s, PostgreSQL 3 s of CPU: 10 + 2 + 3 = 15 ms per document; the
     * partners 4 s.
     */
    private static Row row(int nodes, boolean exactlyOnce) {
        return new Row(
                nodes,
                1000,
                20,
                10,
                2,
                3,
                4,
                Map.of("node-1", new int[] {600, 610, 1500}, "node-2", new int[] {400, 390, 1000}),
                exactlyOnce,
                exactlyOnce ? "every document delivered once" : "3 lost, e.g. DUR-T1-A0001");
    }

    @Test
    void perDocumentFiguresAreCpuSecondsOverDocuments() {
        Row row = row(2, true);

        assertThat(row.docsPerSecond()).isCloseTo(50, within(1e-9));
        assertThat(row.gatewayMs()).isCloseTo(10, within(1e-9));
        assertThat(row.brokerMs()).isCloseTo(2, within(1e-9));
        assertThat(row.postgresMs()).isCloseTo(3, within(1e-9));
        assertThat(row.totalMs()).as("the cluster's, without the partners").isCloseTo(15, within(1e-9));
        assertThat(row.partnersMs()).isCloseTo(4, within(1e-9));
        assertThat(row.perNode()).isEqualTo("node-1 600/610/1500, node-2 400/390/1000");
    }

    @Test
    void projectsRateAsCoresOverCpuPerDocumentAndSizesNodesAtSixtyPercent() {
        // 8 cores at 10 ms per document: 800 documents/s, all cores busy
        assertThat(ClusterReport.rate(8, 10)).isCloseTo(800, within(1e-9));
        // 1000 docs/s at 10 ms = 10 cores of work; 4-core nodes at 60 % carry 2.4 cores each: 5 nodes (4.17 rounded up)
        assertThat(ClusterReport.nodesFor(1000, 4, 10)).isEqualTo(5);
        // exactly enough is enough: 240 docs/s at 10 ms = 2.4 cores = one 4-core node at 60 %
        assertThat(ClusterReport.nodesFor(240, 4, 10)).isEqualTo(1);
        // PostgreSQL at 3 ms per document, 500 docs/s: 1.5 cores of work, 2.5 at 60 %
        assertThat(ClusterReport.coresFor(500, 3)).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void projectionStandsOnTheRunWithTheMostNodes() {
        Row one = new Row(1, 1000, 20, 8, 2, 3, 4, Map.of(), true, "");
        Row three = row(3, true);

        assertThat(ClusterReport.basis(List.of(three, one))).isSameAs(three);
    }

    @Test
    void verdictSaysYesOnlyWhenEveryRunDeliveredEverythingOnce() {
        assertThat(ClusterReport.verdict(List.of(row(1, true), row(2, true))))
                .startsWith("exactly once: yes (2 run(s)");
        assertThat(ClusterReport.verdict(List.of(row(1, true), row(2, false))))
                .startsWith("exactly once: NO (1 of 2 run(s)")
                .contains("2 node(s): 3 lost, e.g. DUR-T1-A0001");
    }

    @Test
    void sectionHasTheTableTheChartAndTheVerdict() {
        String section = ClusterReport.section(List.of(row(1, true), row(2, true)), CONTEXT);

        assertThat(section)
                .contains(
                        "| 2 | 50.0 | 10.00 | 2.00 | 3.00 | 15.00 | 4.00 | node-1 600/610/1500, node-2 400/390/1000 |")
                .contains("(img/cluster-scaling.svg)")
                .contains("`bench/run.sh --nodes 2 1000`, commit abc1234")
                .contains("**exactly once: yes")
                // 8 cores / 15 ms per document
                .contains("533 docs/s on 8 cores");
    }

    @Test
    void sizingTableProjectsEachCoreCountAndTarget() {
        String sizing = ClusterReport.sizing(List.of(row(1, true), row(2, true)), CONTEXT);

        // 4 cores at 10 ms: 400 docs/s, 240 at 60 %; nodes for 100 / 500 / 1000 docs/s: 1, 3, 5
        assertThat(sizing)
                .contains("| 4 | 400 | 240 | 1 | 3 | 5 |")
                .contains("| 16 | 1600 | 960 | 1 | 1 | 2 |")
                .contains("1000 docs/s: PostgreSQL 5.0, broker 3.3")
                .contains("PostgreSQL and the broker on hosts of their own");
    }

    @Test
    void chartIsWellFormedSvgWithABarPerNodeCount() throws Exception {
        String svg = ClusterReport.svg(List.of(row(1, true), row(2, true), row(3, true)));

        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        // background + per node count one rate bar and three CPU parts + three legend swatches
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 3 * 4 + 3);
        assertThat(svg).contains(">50.0</text>").contains(">15.0</text>").contains(">3 nodes</text>");
    }

    @Test
    void axesEndOnRoundNumbers() {
        assertThat(ClusterReport.niceCeiling(43)).isEqualTo(50);
        assertThat(ClusterReport.niceCeiling(15)).isEqualTo(20);
        assertThat(ClusterReport.niceCeiling(100)).isEqualTo(100);
        assertThat(ClusterReport.niceCeiling(0.7)).isCloseTo(1, within(1e-9));
    }
}
