package org.corridor.parse.x12;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.parse.EdiMessageMapper;
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
    static final Map<String, String> STATUS = Map.of(
            "A",
            "ACCEPTED",
            "E",
            "ACCEPTED_WITH_ERRORS",
            "P",
            "ACCEPTED_WITH_ERRORS",
            "R",
            "REJECTED",
            "M",
            "REJECTED",
            "W",
            "REJECTED",
            "X",
            "REJECTED");

    /** AK501 (717): what each set status means; these code lists are reference/x12-ack-codes.csv. */
    private final Map<String, String> setStatus;

    /** AK304 (720) and IK304 (620). */
    private final Map<String, String> segmentErrors;

    /** AK403 (723) and IK403 (621). */
    private final Map<String, String> elementErrors;

    /** AK502-AK506 (718) and IK502-IK506 (618). */
    private final Map<String, String> setErrors;

    /** AK905-AK909 (716). */
    private final Map<String, String> groupErrors;

    /** A mapper whose error texts give each X12 code's meaning from {@code reference}. */
    public FunctionalAckMapper(ReferenceData reference) {
        this.setStatus = reference.x12Codes("717");
        this.segmentErrors = reference.x12Codes("720");
        this.elementErrors = reference.x12Codes("723");
        this.setErrors = reference.x12Codes("718");
        this.groupErrors = reference.x12Codes("716");
    }

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
                List<EdiSegment> elements =
                        note.stream().filter(s -> s.tag().equals(elementNote)).toList();
                String segCode = seg.element(4);
                if (segCode != null && (elements.isEmpty() || !"8".equals(segCode))) {
                    errors.add(new Acknowledgement.Error(
                            seg.element(1),
                            position,
                            null,
                            segCode,
                            where + ": " + segmentErrors.get(segCode) + " (" + segmentNote + "04 " + segCode + ")."));
                }
                for (EdiSegment el : elements) {
                    String element = el.component(1, 1) + (el.component(1, 2) != null ? "." + el.component(1, 2) : "");
                    String ref = String.format("%s%02d", seg.element(1), Integer.parseInt(el.component(1, 1)))
                            + (el.component(1, 2) != null ? "-" + el.component(1, 2) : "");
                    String code = el.element(3);
                    errors.add(new Acknowledgement.Error(
                            seg.element(1),
                            position,
                            element,
                            code,
                            where
                                    + ", element " + ref
                                    + (el.element(2) != null ? " (data element " + el.element(2) + ")" : "") + ": "
                                    + elementErrors.get(code) + " (" + elementNote + "03 " + code + ")"
                                    + (el.element(4) != null ? ", received \"" + el.element(4) + "\"" : "") + "."));
                }
            }
            EdiSegment ak5 = EdiMessage.first(set, setTrailer).orElseThrow();
            for (int i = 2; i <= 6; i++) {
                String code = ak5.element(i);
                if (code != null) {
                    errors.add(new Acknowledgement.Error(
                            null,
                            null,
                            null,
                            code,
                            setName + " "
                                    + setStatus.get(ak5.element(1)) + " (" + setTrailer + "01 " + ak5.element(1) + "): "
                                    + setErrors.get(code) + " (" + setTrailer + String.format("%02d", i) + " " + code
                                    + ")."));
                }
            }
        }
        for (int i = 5; i <= 9; i++) {
            String code = ak9.element(i);
            if (code != null) {
                errors.add(new Acknowledgement.Error(
                        null,
                        null,
                        null,
                        code,
                        "Functional group " + ak1.element(2) + ": " + groupErrors.get(code) + " (AK9"
                                + String.format("%02d", i) + " " + code + ")."));
            }
        }
        Acknowledgement ack = new Acknowledgement(
                EdiEnvelope.X12, message.messageType(), ak1.element(2), referenced, STATUS.get(ak9.element(1)), errors);
        return List.of(ParsedMessage.of(ack));
    }
}
