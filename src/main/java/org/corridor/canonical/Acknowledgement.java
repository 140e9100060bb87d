package org.corridor.canonical;

import java.util.List;

/**
 * Body of an ACKNOWLEDGEMENT: an EDIFACT CONTRL or X12 997/999 about an interchange. {@code standard} EDIFACT or X12;
 * {@code ackType} CONTRL, 997 or 999; {@code referencedInterchange} the control reference acknowledged;
 * {@code referencedMessages} the message references it names; {@code status} ACCEPTED, ACCEPTED_WITH_ERRORS or
 * REJECTED; {@code errors} each fault with segment, position, element and the standard's error code.
 */
public record Acknowledgement(
        String standard,
        String ackType,
        String referencedInterchange,
        List<String> referencedMessages,
        String status,
        List<Error> errors)
        implements DocumentBody {

    public Acknowledgement {
        referencedMessages = referencedMessages == null ? List.of() : List.copyOf(referencedMessages);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.ACKNOWLEDGEMENT;
    }

    /**
     * One fault the receiver reported: segment tag, segment position in the message, element position (e.g.
     * {@code "2"} or {@code "2.1"} with a component), the code (0085, AK304/AK403, IK304/IK403) and its meaning.
     */
    public record Error(String segment, Integer position, String element, String code, String text) {}
}
