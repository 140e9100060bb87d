package org.corridor.track;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.corridor.audit.TestAudit;
import org.corridor.base.OutputFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A tracking store on a given database and clock for tests outside this package, and a routed document in it. */
public final class TestTracking {

    private TestTracking() {}

    public static TrackingStore store(DataSource ds, Clock clock) {
        return new TrackingStore(
                new JdbcTemplate(ds),
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                clock,
                TestAudit.on(ds),
                "test-node");
    }

    /** Records a received, parsed and routed assay certificate with one pending delivery per partner. */
    public static String routed(TrackingStore tracking, String id, String... partners) {
        tracking.received(new ReceivedFile(
                id, id + ".csv", "folder:assay", "ab".repeat(32), 10, "/archive/" + id, Instant.now()));
        TrackingStore.Processing p = tracking.processing(id);
        p.detected("CSV", "LAB-CSV");
        p.parsed(java.util.List.of(new ParsedDocument(id, "ASSAY_CERTIFICATE", "certificate")));
        p.enriched(id, "PK-US-CM-2025");
        p.routed(
                id,
                Arrays.stream(partners)
                        .map(partner -> new PlannedDelivery(partner, OutputFormat.CANONICAL_JSON))
                        .toList());
        tracking.record(p);
        return id;
    }
}
