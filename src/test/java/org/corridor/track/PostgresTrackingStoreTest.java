package org.corridor.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.corridor.audit.TestAudit;
import org.corridor.base.OutputFormat;
import org.corridor.support.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The tracking store on a real PostgreSQL, migrated by the same Flyway scripts as the embedded H2 default. */
class PostgresTrackingStoreTest {

    private static TrackingStore tracking;

    @BeforeAll
    static void store() {
        DataSource ds = TestPostgres.migrated();
        tracking = new TrackingStore(
                new JdbcTemplate(ds),
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                Clock.systemUTC(),
                TestAudit.on(ds),
                "test-node");
    }

    @Test
    void followsDocumentFromReceiptToDeliveredAndIgnoresRepeats() {
        String id = "D-PG-" + UUID.randomUUID();
        ReceivedFile file =
                new ReceivedFile(id, "a.csv", "folder:assay", "ab".repeat(32), 10, "/archive/a.csv", Instant.now());
        tracking.received(file);
        tracking.received(file);
        List<PlannedDelivery> plan = List.of(
                new PlannedDelivery("FWOPK", OutputFormat.CANONICAL_JSON),
                new PlannedDelivery("USSMUS", OutputFormat.CANONICAL_JSON));
        for (int run = 0; run < 2; run++) {
            // the second run is what a redelivered process message after a crash does
            TrackingStore.Processing processing = tracking.processing(id);
            processing.detected("CSV", "LAB-CSV");
            processing.parsed(List.of(new ParsedDocument(id, "ASSAY_CERTIFICATE", "certificate X")));
            processing.enriched(id, "PK-US-CM-2025");
            processing.routed(id, plan);
            tracking.record(processing);
        }

        tracking.delivered(id, "FWOPK", "FOLDER", "/outbox/FWOPK", 1);
        assertThat(tracking.document(id).orElseThrow()).containsEntry("status", "ROUTED");
        tracking.delivered(id, "USSMUS", "HTTP", "http://partner", 3);

        assertThat(tracking.document(id).orElseThrow())
                .containsEntry("status", "DELIVERED")
                .containsEntry("kind", "ASSAY_CERTIFICATE")
                .containsEntry("agreement_ref", "PK-US-CM-2025");
        assertThat(tracking.deliveries(id))
                .extracting(d -> d.get("partner_id") + "=" + d.get("attempts"))
                .containsExactly("FWOPK=1", "USSMUS=3");
        assertThat(tracking.isDelivered(id, "USSMUS")).isTrue();
        assertThat(tracking.events(id))
                .extracting(e -> (String) e.get("stage"))
                .containsExactly(
                        "INTAKE", "INTAKE", "DETECT", "PARSE", "ENRICH", "ROUTE", "ROUTE", "DETECT", "PARSE", "ENRICH",
                        "ROUTE", "ROUTE", "DELIVER", "DELIVER");
        assertThat(tracking.document(id).orElseThrow())
                .containsEntry("wire_format", "CSV")
                .containsEntry("message_type", "LAB-CSV");
    }

    @Test
    void documentEndsDeliveredWhenItsDeliveriesFinishAtTheSameTime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "D-PG-RACE-" + UUID.randomUUID();
                tracking.received(new ReceivedFile(id, "r.csv", "folder:any", "cd".repeat(32), 1, "/a", Instant.now()));
                List<PlannedDelivery> plan = List.of(
                        new PlannedDelivery("P1", OutputFormat.CANONICAL_JSON),
                        new PlannedDelivery("P2", OutputFormat.CANONICAL_JSON),
                        new PlannedDelivery("P3", OutputFormat.CANONICAL_JSON));
                TrackingStore.Processing processing = tracking.processing(id);
                processing.routed(id, plan);
                tracking.record(processing);
                List<Callable<Void>> finishes = plan.stream()
                        .<Callable<Void>>map(p -> () -> {
                            tracking.delivered(id, p.partnerId(), "FOLDER", "/x", 1);
                            return null;
                        })
                        .toList();
                for (Future<Void> f : pool.invokeAll(finishes)) {
                    f.get();
                }
                assertThat(tracking.document(id).orElseThrow()).containsEntry("status", "DELIVERED");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectionOfSplitFileRejectsItsParts() {
        String id = "D-PG-SPLIT-" + UUID.randomUUID();
        tracking.received(new ReceivedFile(id, "two.csv", "folder:any", "ef".repeat(32), 1, "/a", Instant.now()));
        TrackingStore.Processing processing = tracking.processing(id);
        processing.detected("CSV", "LAB-CSV");
        processing.parsed(List.of(
                new ParsedDocument(id + "-1", "ASSAY_CERTIFICATE", "one"),
                new ParsedDocument(id + "-2", "ASSAY_CERTIFICATE", "two")));
        tracking.record(processing);
        tracking.record(processing);
        assertThat(tracking.document(id).orElseThrow()).containsEntry("status", "SPLIT");
        assertThat(tracking.document(id + "-2").orElseThrow())
                .containsEntry("parent_id", id)
                .containsEntry("file_name", "two.csv");

        tracking.rejected(id, "NO_AGREEMENT", "no agreement covers OTHER");

        assertThat(tracking.document(id + "-1").orElseThrow())
                .containsEntry("status", "REJECTED")
                .containsEntry("reason_code", "NO_AGREEMENT");
    }

    @Test
    void aRetryByAStaffUserIsInTheAuditLogUnderTheirName() {
        String id = TestTracking.routed(tracking, "D-PG-RETRY-" + UUID.randomUUID(), "FWOPK");
        tracking.deliveryFailed(id, "FWOPK", "FOLDER", "/outbox/FWOPK", 3, "disk full");

        assertThat(tracking.retryDelivery(id, "FWOPK", "olga")).isTrue();

        JdbcTemplate jdbc = new JdbcTemplate(TestPostgres.migrated());
        assertThat(jdbc.queryForList(
                        "SELECT actor FROM audit_log WHERE subject = ? AND details LIKE '%retried%'", String.class, id))
                .containsExactly("olga");
    }
}
