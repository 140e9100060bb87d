package org.corridor.edi.x12;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.Acknowledgement;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiMessageMapper;
import org.corridor.edi.EdiSegment;
import org.corridor.parse.ParsedMessage;

/**
 * X12 997 (004010) and 999 (005010X231A1) acknowledgements to an ACKNOWLEDGEMENT body (docs/mig/x12-997-004010.md,
 * docs/mig/x12-999-005010X231A1.md). A 997/999 acknowledges one functional group: {@code referencedInterchange} is
 * the group control number in AK102, which Corridor writes equal to the interchange control number of what it sends;
 * {@code referencedMessages} are the AK202 transaction set control numbers; {@code status} follows AK901; every
 * segment note (AK3/IK3), element note (AK4/IK4), transaction set code (AK5/IK5) and group code (AK9) becomes an
 * error with the partner's code and its meaning.
 */
public final class FunctionalAckMapper implements EdiMessageMapper {

    /** AK901 (715) to the canonical status: a partially accepted group (P) is accepted with errors. */
    static final Map<String, String> STATUS = Map.of("A", "ACCEPTED", "E", "ACCEPTED_WITH_ERRORS",
            "P", "ACCEPTED_WITH_ERRORS", "R", "REJECTED", "M", "REJECTED", "W", "REJECTED", "X", "REJECTED");

    static final Map<String, String> SET_STATUS = Map.of("A", "accepted", "E", "accepted with errors noted",
            "M", "rejected, message authentication code failed", "R", "rejected",
            "W", "rejected, assurance failed validity tests", "X", "rejected, content after decryption could not be"
                    + " analysed");

    /** AK304 (720) and IK304 (620). */
    static final Map<String, String> SEGMENT_ERRORS = Map.ofEntries(Map.entry("1", "unrecognized segment ID"),
            Map.entry("2", "unexpected segment"), Map.entry("3", "mandatory segment missing"),
            Map.entry("4", "loop occurs over maximum times"), Map.entry("5", "segment exceeds maximum use"),
            Map.entry("6", "segment not in defined transaction set"),
            Map.entry("7", "segment not in proper sequence"), Map.entry("8", "segment has data element errors"),
            Map.entry("I4", "implementation \"not used\" segment present"),
            Map.entry("I6", "implementation dependent segment missing"),
            Map.entry("I7", "implementation loop occurs under minimum times"),
            Map.entry("I8", "implementation segment below minimum use"),
            Map.entry("I9", "implementation dependent \"not used\" segment present"));

    /** AK403 (723) and IK403 (621). */
    static final Map<String, String> ELEMENT_ERRORS = Map.ofEntries(
            Map.entry("1", "mandatory data element missing"),
            Map.entry("2", "conditional required data element missing"), Map.entry("3", "too many data elements"),
            Map.entry("4", "data element too short"), Map.entry("5", "data element too long"),
            Map.entry("6", "invalid character in data element"), Map.entry("7", "invalid code value"),
            Map.entry("8", "invalid date"), Map.entry("9", "invalid time"),
            Map.entry("10", "exclusion condition violated"), Map.entry("12", "too many repetitions"),
            Map.entry("13", "too many components"),
            Map.entry("I6", "code value not used in implementation"),
            Map.entry("I9", "implementation dependent data element missing"),
            Map.entry("I10", "implementation \"not used\" data element present"),
            Map.entry("I11", "implementation too few repetitions"),
            Map.entry("I12", "implementation pattern match failure"),
            Map.entry("I13", "implementation dependent \"not used\" data element present"));

    /** AK502-AK506 (718) and IK502-IK506 (618). */
    static final Map<String, String> SET_ERRORS = Map.ofEntries(Map.entry("1", "transaction set not supported"),
            Map.entry("2", "transaction set trailer missing"),
            Map.entry("3", "transaction set control number in header and trailer do not match"),
            Map.entry("4", "number of included segments does not match actual count"),
            Map.entry("5", "one or more segments in error"),
            Map.entry("6", "missing or invalid transaction set identifier"),
            Map.entry("7", "missing or invalid transaction set control number"),
            Map.entry("8", "authentication key name unknown"), Map.entry("9", "encryption key name unknown"),
            Map.entry("10", "requested service not available"), Map.entry("11", "unknown security recipient"),
            Map.entry("12", "incorrect message length"), Map.entry("13", "message authentication code failed"),
            Map.entry("15", "unknown security originator"), Map.entry("16", "syntax error in decrypted text"),
            Map.entry("17", "security not supported"),
            Map.entry("18", "transaction set not in functional group"),
            Map.entry("19", "invalid transaction set implementation convention reference"),
            Map.entry("23", "transaction set control number not unique within the functional group"),
            Map.entry("24", "S3E security end segment missing for S3S security start segment"),
            Map.entry("25", "S3E security control reference does not match S3S security control reference"),
            Map.entry("26", "S4E security end segment missing for S4S security start segment"),
            Map.entry("27", "S4E security control reference does not match S4S security control reference"),
            Map.entry("I5", "implementation one or more segments in error"),
            Map.entry("I6", "implementation convention not supported"));

    /** AK905-AK909 (716). */
    static final Map<String, String> GROUP_ERRORS = Map.ofEntries(Map.entry("1", "functional group not supported"),
            Map.entry("2", "functional group version not supported"),
            Map.entry("3", "functional group trailer missing"),
            Map.entry("4", "group control number in the functional group header and trailer do not agree"),
            Map.entry("5", "number of included transaction sets does not match actual count"),
            Map.entry("6", "group control number violates syntax"),
            Map.entry("10", "authentication key name unknown"), Map.entry("11", "encryption key name unknown"),
            Map.entry("12", "requested service not available"), Map.entry("13", "unknown security recipient"),
            Map.entry("14", "unknown security originator"), Map.entry("15", "syntax error in decrypted text"),
            Map.entry("16", "security not supported"), Map.entry("17", "incorrect message length"),
            Map.entry("18", "message authentication code failed"),
            Map.entry("19", "functional group control number not unique within interchange"),
            Map.entry("23", "S3E security end segment missing for S3S security start segment"),
            Map.entry("24", "S3E security control reference does not match S3S security control reference"),
            Map.entry("25", "S4E security end segment missing for S4S security start segment"),
            Map.entry("26", "S4E security control reference does not match S4S security control reference"));

    @Override
    public String standard() {
        return EdiEnvelope.X12;
    }

    @Override
    public List<String> messageTypes() {
        return List.of("997", "999");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        boolean is999 = "999".equals(message.messageType());
        String segmentNote = is999 ? "IK3" : "AK3";
        String elementNote = is999 ? "IK4" : "AK4";
        String setTrailer = is999 ? "IK5" : "AK5";
        EdiSegment ak1 = message.first("AK1").orElseThrow();
        EdiSegment ak9 = message.first("AK9").orElseThrow();
        List<String> referenced = new ArrayList<>();
        List<Acknowledgement.Error> errors = new ArrayList<>();
        for (List<EdiSegment> set : message.groups("AK2", Set.of("AK9"))) {
            EdiSegment ak2 = set.get(0);
            referenced.add(ak2.element(2));
            String setName = "Transaction set " + ak2.element(1) + " " + ak2.element(2);
            for (List<EdiSegment> note : EdiMessage.groups(set, segmentNote, Set.of(setTrailer))) {
                EdiSegment seg = note.get(0);
                String where = setName + ", segment " + seg.element(1) + " at position " + seg.element(2)
                        + (seg.element(3) != null ? " (loop " + seg.element(3) + ")" : "");
                Integer position = Integer.valueOf(seg.element(2));
                List<EdiSegment> elements = note.stream().filter(s -> s.tag().equals(elementNote)).toList();
                String segCode = seg.element(4);
                if (segCode != null && (elements.isEmpty() || !"8".equals(segCode))) {
                    errors.add(new Acknowledgement.Error(seg.element(1), position, null, segCode, where + ": "
                            + SEGMENT_ERRORS.get(segCode) + " (" + segmentNote + "04 " + segCode + ")."));
                }
                for (EdiSegment el : elements) {
                    String element = el.component(1, 1) + (el.component(1, 2) != null ? "." + el.component(1, 2)
                            : "");
                    String ref = String.format("%s%02d", seg.element(1), Integer.parseInt(el.component(1, 1)))
                            + (el.component(1, 2) != null ? "-" + el.component(1, 2) : "");
                    String code = el.element(3);
                    errors.add(new Acknowledgement.Error(seg.element(1), position, element, code, where
                            + ", element " + ref + (el.element(2) != null ? " (data element " + el.element(2) + ")"
                            : "") + ": " + ELEMENT_ERRORS.get(code) + " (" + elementNote + "03 " + code + ")"
                            + (el.element(4) != null ? ", received \"" + el.element(4) + "\"" : "") + "."));
                }
            }
            EdiSegment ak5 = EdiMessage.first(set, setTrailer).orElseThrow();
            for (int i = 2; i <= 6; i++) {
                String code = ak5.element(i);
                if (code != null) {
                    errors.add(new Acknowledgement.Error(null, null, null, code, setName + " "
                            + SET_STATUS.get(ak5.element(1)) + " (" + setTrailer + "01 " + ak5.element(1) + "): "
                            + SET_ERRORS.get(code) + " (" + setTrailer + String.format("%02d", i) + " " + code
                            + ")."));
                }
            }
        }
        for (int i = 5; i <= 9; i++) {
            String code = ak9.element(i);
            if (code != null) {
                errors.add(new Acknowledgement.Error(null, null, null, code, "Functional group " + ak1.element(2)
                        + ": " + GROUP_ERRORS.get(code) + " (AK9" + String.format("%02d", i) + " " + code + ")."));
            }
        }
        Acknowledgement ack = new Acknowledgement(EdiEnvelope.X12, message.messageType(), ak1.element(2), referenced,
                STATUS.get(ak9.element(1)), errors);
        return List.of(ParsedMessage.of(ack));
    }
}
