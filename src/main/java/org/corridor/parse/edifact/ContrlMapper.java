package org.corridor.parse.edifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.Acknowledgement;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;

/**
 * EDIFACT CONTRL (syntax and service report, any service version) to ACKNOWLEDGEMENT, as
 * docs/mig/edifact-contrl.md describes: UCI names the interchange acknowledged and its action (0083: {@code 4}
 * rejected, {@code 7} accepted, {@code 8} received), each UCM a message with its own action, UCS a segment in error
 * (position in the message) and UCD an element in it, each with its UN/EDIFACT 0085 syntax error code. The status is
 * REJECTED when the interchange is rejected, ACCEPTED_WITH_ERRORS when it was only received (8) or any message was
 * rejected or any error is reported, else ACCEPTED.
 */
public final class ContrlMapper implements EdiMessageMapper {

    /** UN/EDIFACT 0085 syntax error codes and what they mean, for the error text. */
    static final Map<String, String> SYNTAX_ERRORS = Map.ofEntries(
            Map.entry("2", "syntax version or level not supported"),
            Map.entry("7", "interchange recipient not actual recipient"),
            Map.entry("12", "invalid value"),
            Map.entry("13", "missing"),
            Map.entry("14", "value not supported in this position"),
            Map.entry("15", "not supported in this position"),
            Map.entry("16", "too many constituents"),
            Map.entry("17", "no agreement"),
            Map.entry("18", "unspecified error"),
            Map.entry("19", "invalid decimal notation"),
            Map.entry("20", "character invalid as service character"),
            Map.entry("21", "invalid character(s)"),
            Map.entry("22", "invalid service character(s)"),
            Map.entry("23", "unknown interchange sender"),
            Map.entry("24", "too old"),
            Map.entry("25", "test indicator not supported"),
            Map.entry("26", "duplicate detected"),
            Map.entry("27", "security function not supported"),
            Map.entry("28", "references do not match"),
            Map.entry("29", "control count does not match number of instances received"),
            Map.entry("30", "functional groups and messages mixed"),
            Map.entry("31", "more than one message type in group"),
            Map.entry("32", "lower level empty"),
            Map.entry("33", "invalid occurrence outside message, package or group"),
            Map.entry("34", "nesting indicator not allowed"),
            Map.entry("35", "too many data element or segment repetitions"),
            Map.entry("36", "too many segment group repetitions"),
            Map.entry("37", "invalid type of characters"),
            Map.entry("39", "data element too long"),
            Map.entry("40", "data element too short"));

    @Override
    public String standard() {
        return "EDIFACT";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("CONTRL");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment uci = message.first("UCI").orElseThrow();
        List<String> referenced = new ArrayList<>();
        List<Acknowledgement.Error> errors = new ArrayList<>();
        boolean messageRejected = false;
        if (uci.element(5) != null) {
            errors.add(error(uci.element(6), null, uci, 7, uci.element(5)));
        }
        for (List<EdiSegment> group : message.groups("UCM", Set.of())) {
            EdiSegment ucm = group.get(0);
            referenced.add(ucm.element(1));
            messageRejected |= ucm.is(3, "4");
            if (ucm.element(4) != null) {
                errors.add(error(ucm.element(5), null, ucm, 6, ucm.element(4)));
            }
            Integer position = null;
            for (EdiSegment s : group) {
                if (s.tag().equals("UCS")) {
                    position = Integer.valueOf(s.element(1));
                    if (s.element(2) != null) {
                        errors.add(new Acknowledgement.Error(null, position, null, s.element(2), text(s.element(2))));
                    }
                } else if (s.tag().equals("UCD")) {
                    errors.add(
                            new Acknowledgement.Error(null, position, element(s, 2), s.element(1), text(s.element(1))));
                }
            }
        }
        String action = uci.element(4);
        String status = "4".equals(action)
                ? "REJECTED"
                : "8".equals(action) || messageRejected || !errors.isEmpty() ? "ACCEPTED_WITH_ERRORS" : "ACCEPTED";
        return List.of(
                ParsedMessage.of(new Acknowledgement("EDIFACT", "CONTRL", uci.element(1), referenced, status, errors)));
    }

    /** An error reported on a service segment (UCI or UCM): the tag in 0013, the element in S011. */
    private static Acknowledgement.Error error(
            String tag, Integer position, EdiSegment segment, int s011, String code) {
        return new Acknowledgement.Error(tag, position, element(segment, s011), code, text(code));
    }

    /** S011 as {@code "2"} or {@code "2.1"} (element, component), or null. */
    private static String element(EdiSegment segment, int n) {
        String element = segment.component(n, 1);
        if (element == null) {
            return null;
        }
        String component = segment.component(n, 2);
        return component == null ? element : element + "." + component;
    }

    private static String text(String code) {
        return SYNTAX_ERRORS.getOrDefault(code, "syntax error " + code);
    }
}
