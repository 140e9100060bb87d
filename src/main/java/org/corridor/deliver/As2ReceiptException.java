package org.corridor.deliver;

/**
 * An AS2 message the partner's receipt does not prove delivered: no receipt, not signed, signed by someone else, a
 * negative disposition, another MIC. A transient fault for outbound-errors (retried, then FAILED and dead-lettered,
 * as the issue asks); its message is what the operator reads, the partner's own disposition text included.
 */
public class As2ReceiptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final As2Receipts.Outcome outcome;

    As2ReceiptException(As2Receipts.Verdict verdict) {
        super(verdict.reason());
        this.outcome = verdict.outcome();
    }

    /** Why the receipt is no proof of delivery, by name ({@code NEGATIVE}, {@code UNSIGNED}, ...). */
    public String outcome() {
        return outcome.name();
    }
}
