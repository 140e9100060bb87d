package org.corridor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.corridor.support.cluster.ClusterRun;
import org.corridor.support.cluster.ClusterRun.Result;
import org.corridor.support.crash.DurabilityAudit.Finding;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three gateway nodes, each a JVM of its own, share one external broker (a JVM of its own), one PostgreSQL database and
 * one home. Documents of every kind are dropped into the shared inbox and the leader is killed with SIGKILL once a third
 * of the deliveries are made ({@link ClusterRun}). Then: every partner has every document exactly once (the buyer
 * twice only under one Idempotency-Key), each acknowledgement once, no interchange number written twice although three
 * nodes numbered them, each declaration counted once against its quota; every node took in, processed and delivered
 * part of the documents (each also answered a certificate posted to it over HTTP), and no file was taken by two of them (only one the killed node had taken and not let go of
 * is taken again, by another node, under the same document id); another node became leader and polled the partner's
 * SFTP folder after the kill.
 *
 * <p>{@code corridor.cluster.documents} documents (default 240); {@code mvn -Pcluster test} runs it alone with the
 * issue's 3,000; {@code bench/run.sh --nodes N} measures 1 to N nodes without a kill.
 */
class ClusterKillNineTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterKillNineTest.class);
    private static final int DOCUMENTS = Integer.getInteger("corridor.cluster.documents", 240);

    @Test
    void threeNodesShareTheWorkAndDeliverEveryDocumentOnceThoughTheLeaderIsKilled() throws Exception {
        Path root =
                Path.of("target", "test-homes", "cluster-" + UUID.randomUUID()).toAbsolutePath();
        try (ClusterRun cluster = new ClusterRun(root, 3)) {
            Result result = cluster.run(DOCUMENTS, true);
            LOG.info(
                    "Cluster run: {} documents, work by node {}, leader {} killed, then {} (took the probe: {}), {} s",
                    result.documents(),
                    result.workByNode(),
                    result.killed(),
                    result.leaderAfter(),
                    result.probeTakenBy(),
                    result.dropToDelivered().toSeconds());

            assertThat(result.findings())
                    .as("lost, duplicated, stuck, in error or inconsistent")
                    .allSatisfy((finding, what) -> {
                        if (finding != Finding.RESENT_SAME_KEY) {
                            assertThat(what).as(finding.name()).isEmpty();
                        }
                    });
            assertThat(result.exactlyOnce()).isTrue();
            assertThat(result.takenTwiceByLiveNodes())
                    .as("files taken from the shared inbox by more than one node (by node)")
                    .isEmpty();
            for (String node : result.nodes()) {
                assertThat(result.work(node, "INTAKE"))
                        .as(node + " took files in")
                        .isPositive();
                assertThat(result.work(node, "PARSE"))
                        .as(node + " processed documents")
                        .isPositive();
                assertThat(result.work(node, "DELIVER"))
                        .as(node + " made deliveries")
                        .isPositive();
            }
            assertThat(result.httpAnswers())
                    .as("POST /api/inbound answered by each node")
                    .containsOnlyKeys(result.nodes())
                    .allSatisfy((node, status) -> assertThat(status).isEqualTo(202));
            assertThat(result.killed()).isEqualTo(result.leaderBefore());
            assertThat(result.leaderAfter()).isNotEqualTo(result.killed());
            assertThat(result.probeTakenBy())
                    .as("the node that polled the SFTP folder after the kill")
                    .isEqualTo(result.leaderAfter());
        }
    }
}
