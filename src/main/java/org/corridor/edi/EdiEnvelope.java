package org.corridor.edi;

/**
 * The interchange a message came in: standard ({@code EDIFACT} or {@code X12}), syntax (EDIFACT syntax identifier
 * and version such as {@code UNOC:3}; X12 the ISA12 version such as {@code 00401}), sender and receiver interchange
 * ids with their qualifiers, the interchange control reference, the preparation date and time as sent
 * ({@code yyMMdd}/{@code HHmm} or {@code yyMMdd}/{@code HHmm} for X12 ISA09/ISA10), the test indicator, and the
 * functional group (UNG or GS) the message was in, if any.
 */
public record EdiEnvelope(
        String standard,
        String syntax,
        String sender,
        String senderQualifier,
        String receiver,
        String receiverQualifier,
        String controlRef,
        String date,
        String time,
        boolean test,
        String groupId,
        String groupRef,
        String groupVersion) {

    public static final String EDIFACT = "EDIFACT";
    public static final String X12 = "X12";

    /** The same interchange inside the functional group that has just started. */
    public EdiEnvelope inGroup(String id, String ref, String version) {
        return new EdiEnvelope(
                standard,
                syntax,
                sender,
                senderQualifier,
                receiver,
                receiverQualifier,
                controlRef,
                date,
                time,
                test,
                id,
                ref,
                version);
    }

    /** The same interchange once its functional group has ended. */
    public EdiEnvelope outsideGroup() {
        return inGroup(null, null, null);
    }
}
