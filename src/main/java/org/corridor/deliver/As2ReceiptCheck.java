package org.corridor.deliver;

import org.corridor.base.Leadership;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Outbound AS2 messages whose asynchronous receipt did not come within the partner's {@code as2.mdn.asyncTimeout}
 * count as not delivered, as a negative receipt would: sent again while the partner's retries last, else FAILED and
 * dead-lettered. Runs every {@code corridor.as2.check-interval}; in a cluster only on the leader.
 */
@Component
class As2ReceiptCheck {

    private final As2Delivery delivery;
    private final Leadership leadership;

    As2ReceiptCheck(As2Delivery delivery, Leadership leadership) {
        this.delivery = delivery;
        this.leadership = leadership;
    }

    @Scheduled(
            initialDelayString = "${corridor.as2.check-interval}",
            fixedDelayString = "${corridor.as2.check-interval}")
    void checkIfLeader() {
        if (leadership.leads()) {
            delivery.settleOverdue();
        }
    }
}
