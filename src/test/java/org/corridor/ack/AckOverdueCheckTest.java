package org.corridor.ack;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.corridor.base.Leadership;
import org.corridor.support.TestPostgres;
import org.corridor.track.TestTracking;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Acknowledgement tracking with a clock the test moves, on PostgreSQL migrated by the real scripts (V4 included). */
class AckOverdueCheckTest {

    /** A clock the test sets; the tracking store reads it for every timestamp. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-28T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final MovableClock CLOCK = new MovableClock();
    private static TrackingStore tracking;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void store() {
        DataSource ds = TestPostgres.migrated();
        jdbc = new JdbcTemplate(ds);
        tracking = TestTracking.store(ds, CLOCK);
    }

    @Test
    void marksDeliveriesWithoutAcknowledgementOverdueOnceAndCountsThem() {
        String id = TestTracking.routed(tracking, "D-ACK-" + UUID.randomUUID(), "USBROKER", "FWOPK");
        tracking.delivered(id, "USBROKER", "FOLDER", "/outbox/USBROKER", 1, "997", Duration.ofHours(4));
        tracking.delivered(id, "FWOPK", "FOLDER", "/outbox/FWOPK", 1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AckOverdueCheck check = new AckOverdueCheck(tracking, meters, Leadership.ALONE);

        CLOCK.advance(Duration.ofHours(3).plusMinutes(59));
        assertThat(check.check()).noneMatch(a -> a.documentId().equals(id));

        CLOCK.advance(Duration.ofMinutes(2));
        List<TrackingStore.OverdueAck> overdue = check.check();
        assertThat(overdue)
                .filteredOn(a -> a.documentId().equals(id))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.partnerId()).isEqualTo("USBROKER");
                    assertThat(a.ackExpected()).isEqualTo("997");
                });
        assertThat(status(id, "USBROKER")).isEqualTo("ACK_OVERDUE");
        // a partner that sends no acknowledgement is never overdue
        assertThat(status(id, "FWOPK")).isEqualTo("DELIVERED");
        assertThat(meters.counter("corridor.acks.overdue", "partner", "USBROKER")
                        .count())
                .isGreaterThanOrEqualTo(1);
        // the document stays delivered: the partner has it, and it is not sent again
        assertThat(tracking.document(id).orElseThrow()).containsEntry("status", "DELIVERED");
        assertThat(tracking.isDelivered(id, "USBROKER")).isTrue();

        CLOCK.advance(Duration.ofHours(1));
        assertThat(check.check()).noneMatch(a -> a.documentId().equals(id));
        assertThat(tracking.events(id))
                .filteredOn(e -> "ACK".equals(e.get("stage")))
                .extracting(e -> (String) e.get("detail"))
                .singleElement()
                .asString()
                .startsWith("ACK_OVERDUE");
    }

    @Test
    void inAClusterOnlyTheLeaderRunsTheCheck() {
        String id = TestTracking.routed(tracking, "D-ACK-" + UUID.randomUUID(), "USBROKER");
        tracking.delivered(id, "USBROKER", "FOLDER", "/outbox/USBROKER", 1, "997", Duration.ofHours(4));
        CLOCK.advance(Duration.ofHours(5));
        AtomicBoolean leads = new AtomicBoolean(false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AckOverdueCheck check = new AckOverdueCheck(tracking, meters, leads::get);

        check.checkIfLeader();
        assertThat(status(id, "USBROKER")).isEqualTo("DELIVERED");

        leads.set(true);
        check.checkIfLeader();
        assertThat(status(id, "USBROKER")).isEqualTo("ACK_OVERDUE");
    }

    @Test
    void recordsPositiveAndNegativeAcknowledgements() {
        String id = TestTracking.routed(tracking, "D-ACK-" + UUID.randomUUID(), "USBROKER", "USSMUS");
        Duration due = Duration.ofHours(4);
        tracking.delivered(id, "USBROKER", "FOLDER", "/outbox/USBROKER", 1, "997", due);
        tracking.delivered(id, "USSMUS", "HTTP", "https://ussm", 1, "CONTRL", due);

        assertThat(tracking.acknowledged(id, "USBROKER", true, "997 AK9*A")).isTrue();
        assertThat(tracking.acknowledged(id, "USSMUS", false, "CONTRL UCI action 4: rejected"))
                .isTrue();
        assertThat(tracking.acknowledged(id, "NOBODY", true, "x")).isFalse();

        CLOCK.advance(Duration.ofHours(5));
        assertThat(new AckOverdueCheck(tracking, new SimpleMeterRegistry(), Leadership.ALONE).check())
                .noneMatch(a -> a.documentId().equals(id));
        Map<String, Object> broker = tracking.deliveries(id).get(0);
        assertThat(broker)
                .containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("ack_detail", "997 AK9*A")
                .containsEntry("ack_expected", "997");
        assertThat(broker.get("ack_at")).isNotNull();
        assertThat(status(id, "USSMUS")).isEqualTo("NEGATIVE_ACK");
        assertThat(tracking.document(id).orElseThrow()).containsEntry("status", "DELIVERED");
    }

    private static String status(String documentId, String partnerId) {
        return jdbc.queryForObject(
                "SELECT status FROM deliveries WHERE document_id = ? AND partner_id = ?",
                String.class,
                documentId,
                partnerId);
    }
}
