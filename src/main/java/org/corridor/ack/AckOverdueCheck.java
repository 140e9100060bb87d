package org.corridor.ack;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.corridor.base.Leadership;
import org.corridor.track.TrackingStore;
import org.corridor.track.TrackingStore.OverdueAck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports deliveries whose partner owes an acknowledgement (ack.expected in its partner file) and has not sent it
 * ack.overdueAfter after delivery: each becomes ACK_OVERDUE in the tracking store, is logged with document and
 * partner, and is counted in the metric {@code corridor.acks.overdue} (by partner). Runs every
 * {@code corridor.acks.check-interval}. When the acknowledgement arrives, the EDI work calls
 * {@link TrackingStore#acknowledged}.
 */
@Component
class AckOverdueCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AckOverdueCheck.class);

    private final TrackingStore tracking;
    private final MeterRegistry meters;
    private final Leadership leadership;

    public AckOverdueCheck(TrackingStore tracking, MeterRegistry meters, Leadership leadership) {
        this.tracking = tracking;
        this.meters = meters;
        this.leadership = leadership;
    }

    /**
     * The periodic check; in a cluster only the leader's (each overdue acknowledgement is then logged and counted once,
     * by one node).
     */
    @Scheduled(
            initialDelayString = "${corridor.acks.check-interval}",
            fixedDelayString = "${corridor.acks.check-interval}")
    void checkIfLeader() {
        if (leadership.leads()) {
            check();
        }
    }

    /** Marks, logs and counts what is overdue now; returns it. */
    public List<OverdueAck> check() {
        List<OverdueAck> overdue = tracking.markAcksOverdue();
        for (OverdueAck a : overdue) {
            meters.counter("corridor.acks.overdue", "partner", a.partnerId()).increment();
            LOG.warn(
                    "ACK_OVERDUE: document {} delivered to {} has had no {} since {}",
                    a.documentId(),
                    a.partnerId(),
                    a.ackExpected(),
                    a.dueAt());
        }
        return overdue;
    }
}
