package org.corridor.ack;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiFault;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiInterchangeReader.MessageSummary;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdiWriter;
import org.corridor.edi.EdiWriter.Parties;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;

/**
 * Writes the acknowledgement of one received interchange, addressed back to its sender: an EDIFACT CONTRL (UCI for
 * the interchange, UCM per message, UCS/UCD per segment and element fault, UN/EDIFACT 0085 codes), or an X12 997 or
 * 999 (AK1 per group, AK2 per transaction set, AK3/AK4 or IK3/IK4 per fault, AK5/IK5, AK9); an X12 interchange in
 * which no functional group can be named is rejected as a whole with an interchange acknowledgement (TA1). Accepted
 * means every message was accepted; Corridor takes or refuses a file as a whole, so one fault rejects the interchange.
 *
 * <p>Every reference copied from the received interchange is checked against the element it goes into
 * ({@link AckFields}): what does not fit is left out, so the acknowledgement is valid EDI whatever was received.
 */
final class AckWriter {

    /** Action codes (0083): 7 acknowledged, 4 rejected. */
    private static final String ACCEPTED = "7";

    private static final String REJECTED = "4";
    /** A CONTRL names at most 999 segment errors per message (its segment group 2 repeats up to 999 times). */
    private static final int MAX_SEGMENT_ERRORS = 999;

    private static final Pattern FIELD = Pattern.compile("^[A-Z0-9]{2,3}?(\\d{2})(?:-(\\d+))?$");

    private final EdiSchemas schemas = new EdiSchemas();
    private final String ownId;

    /** Answers as {@code CORRIDOR} when the received interchange's recipient id cannot be copied. */
    public AckWriter() {
        this("CORRIDOR");
    }

    /** @param ownId Corridor's interchange id, used when the recipient id the sender wrote cannot be copied */
    public AckWriter(String ownId) {
        this.ownId = ownId;
    }

    /**
     * The acknowledgement and the facts tracking keeps about it; {@code ackType} CONTRL, 997, 999 or TA1, {@code from}
     * the id Corridor wrote it as.
     */
    public record Ack(
            String standard,
            String ackType,
            String controlRef,
            String from,
            String to,
            boolean accepted,
            byte[] content) {}

    /** The X12 envelope of an acknowledgement: ISA12 00501 for a 999 (an 005010 implementation guide), else 00401. */
    public static EdiSyntax x12Syntax(String ackType) {
        return "999".equals(ackType) ? EdiSyntax.x12().withSyntax(null, "00501") : EdiSyntax.x12();
    }

    /**
     * @param receipt    what was read of the interchange
     * @param duplicateOf the document that brought the same interchange before, or null
     * @param ackType    CONTRL, 997 or 999 (an X12 interchange without a group that can be named gets a TA1)
     * @param syntax     how the sender wants EDI written to it
     * @param controlRef the control number of the acknowledgement's own interchange
     * @return the acknowledgement, or empty when the received interchange cannot be referred to: its sender id or
     *         control reference (or an X12 interchange's date and time) is not a valid value, so no acknowledgement
     *         could say which interchange it answers
     */
    public Optional<Ack> write(
            EdiReceipt receipt,
            String duplicateOf,
            String ackType,
            EdiSyntax syntax,
            String controlRef,
            LocalDateTime at) {
        return write(receipt, duplicateOf, ackType, syntax, parties -> controlRef, at);
    }

    /**
     * The same, taking the acknowledgement's control number from {@code controlNumber} for the parties it is written
     * between (Corridor as the interchange named it, or {@link #AckWriter(String) its own id}, and the sender), and
     * only once it is certain that an acknowledgement can be written.
     */
    public Optional<Ack> write(
            EdiReceipt receipt,
            String duplicateOf,
            String ackType,
            EdiSyntax syntax,
            Function<Parties, String> controlNumber,
            LocalDateTime at) {
        EdiEnvelope envelope = receipt.interchange().envelope();
        boolean accepted = receipt.accepted() && duplicateOf == null;
        AckFields fields = AckFields.of(syntax, ackType, schemas);
        boolean x12 = syntax.isX12();
        String partner = party(fields, x12, envelope.sender());
        if (partner == null) {
            return Optional.empty();
        }
        String us = party(fields, x12, envelope.receiver());
        Parties parties = new Parties(
                us != null ? us : ownId,
                qualifier(fields, x12, envelope.receiverQualifier()),
                partner,
                qualifier(fields, x12, envelope.senderQualifier()));
        if (!x12) {
            String reference = fields.message("E0020", envelope.controlRef());
            if (reference == null) {
                return Optional.empty();
            }
            String controlRef = controlNumber.apply(parties);
            EdiWriter writer = EdiWriter.open(syntax, parties, controlRef, at, envelope.test());
            contrl(writer, fields, receipt, reference, parties, duplicateOf != null, syntax);
            return Optional.of(new Ack(
                    envelope.standard(),
                    ackType,
                    controlRef,
                    parties.sender(),
                    envelope.sender(),
                    accepted,
                    writer.finish()));
        }
        Map<String, List<MessageSummary>> groups = groups(fields, receipt.interchange(), "999".equals(ackType));
        if (groups.isEmpty()) {
            String number = fields.envelope("I12", envelope.controlRef());
            String date = fields.envelope("I08", envelope.date());
            String time = fields.envelope("I09", envelope.time());
            if (number == null || date == null || time == null) {
                return Optional.empty();
            }
            String controlRef = controlNumber.apply(parties);
            EdiWriter writer = EdiWriter.open(syntax, parties, controlRef, at, envelope.test());
            writer.interchangeAcknowledgement(
                    number,
                    date,
                    time,
                    accepted ? "A" : "R",
                    noteCode(receipt.interchange(), duplicateOf != null, accepted));
            return Optional.of(new Ack(
                    envelope.standard(),
                    "TA1",
                    controlRef,
                    parties.sender(),
                    envelope.sender(),
                    accepted,
                    writer.finish()));
        }
        String controlRef = controlNumber.apply(parties);
        EdiWriter writer = EdiWriter.open(syntax, parties, controlRef, at, envelope.test());
        x12(writer, fields, receipt, groups, duplicateOf != null, ackType, controlRef);
        return Optional.of(new Ack(
                envelope.standard(),
                ackType,
                controlRef,
                parties.sender(),
                envelope.sender(),
                accepted,
                writer.finish()));
    }

    /** An interchange id as the envelope element can carry it (X12: up to 15 characters, padded), or null. */
    private static String party(AckFields fields, boolean x12, String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (x12) {
            return id.length() <= 15 && fields.envelope("I06", id + " ".repeat(15 - id.length())) != null ? id : null;
        }
        return fields.envelope("DE0004", id);
    }

    /** The id qualifier if it is one of the standard's codes; else none (EDIFACT) or ZZ, mutually defined (X12). */
    private static String qualifier(AckFields fields, boolean x12, String qualifier) {
        String fit = fields.envelope(x12 ? "I05" : "DE0007", qualifier);
        return fit == null && x12 ? "ZZ" : fit;
    }

    private void contrl(
            EdiWriter writer,
            AckFields fields,
            EdiReceipt receipt,
            String reference,
            Parties parties,
            boolean duplicate,
            EdiSyntax syntax) {
        InterchangeSummary interchange = receipt.interchange();
        EdiWriter.Message m = writer.message("CONTRL", "4".equals(syntax.syntaxVersion()) ? "4:1" : "D:3", "1");
        EdiFault envelopeFault =
                interchange.faults().isEmpty() ? null : interchange.faults().get(0);
        String uciError =
                duplicate ? "26" : envelopeFault != null ? fields.message("E0085", envelopeFault.edifactCode()) : null;
        String uciTag =
                duplicate ? "UNB" : envelopeFault != null ? fields.message("E0013", envelopeFault.segment()) : null;
        // the UCI names the interchange as its sender wrote it: the sender, and the recipient (us) it addressed
        m.segment(
                "UCI",
                reference,
                List.of(parties.receiver(), nz(parties.receiverQualifier())),
                List.of(parties.sender(), nz(parties.senderQualifier())),
                receipt.accepted() && !duplicate ? ACCEPTED : REJECTED,
                uciError,
                uciTag);
        for (MessageSummary message : interchange.messages()) {
            String ref = fields.message("E0062", message.messageRef());
            String type = fields.message("E0065", message.messageType());
            String[] id = splitVersion(message.version());
            String version = fields.message("E0052", id[0]);
            String release = fields.message("E0054", id[1]);
            if (ref == null || type == null || version == null || release == null) {
                continue; // a message that cannot be named: the UCI already rejects the interchange
            }
            List<Problem> content = receipt.contentProblemsOf(message.messageRef());
            EdiFault service = message.faults().stream()
                    .filter(f -> isService(f.segment()))
                    .findFirst()
                    .orElse(null);
            boolean ok = message.faults().isEmpty()
                    && content.isEmpty()
                    && receipt.refusedElsewhere().isEmpty();
            m.segment(
                    "UCM",
                    ref,
                    List.of(type, version, release, "UN"),
                    ok ? ACCEPTED : REJECTED,
                    service != null ? fields.message("E0085", service.edifactCode()) : null,
                    service != null ? fields.message("E0013", service.segment()) : null);
            int errors = 0;
            for (EdiFault fault : message.faults()) {
                if (isService(fault.segment())) {
                    continue;
                }
                String position = fields.message("E0096", fault.position());
                if (position == null || errors == MAX_SEGMENT_ERRORS) {
                    continue;
                }
                errors++;
                String code = fields.message("E0085", fault.edifactCode());
                String element = fault.inElement() ? fields.message("E0098", fault.element()) : null;
                m.segment("UCS", position, element == null ? code : null);
                if (element != null) {
                    m.segment(
                            "UCD",
                            code != null ? code : "12",
                            List.of(element, nz(fields.message("E0104", fault.component()))));
                }
            }
            for (Problem problem : content) {
                String position = fields.message("E0096", problem.location().position());
                if (position == null || errors == MAX_SEGMENT_ERRORS) {
                    continue;
                }
                errors++;
                int[] place = place(problem.location().field());
                String element = place == null ? null : fields.message("E0098", place[0]);
                m.segment("UCS", position, element == null ? "12" : null);
                if (element != null) {
                    m.segment("UCD", "12", List.of(element, place[1] > 0 ? nz(fields.message("E0104", place[1])) : ""));
                }
            }
        }
        m.end();
    }

    /**
     * The interchange's messages by functional group, for the groups a 997/999 can name: their functional id, control
     * number (and for a 999 the version) fit AK1.
     */
    private static Map<String, List<MessageSummary>> groups(
            AckFields fields, InterchangeSummary interchange, boolean is999) {
        Map<String, List<MessageSummary>> groups = new LinkedHashMap<>();
        for (MessageSummary message : interchange.messages()) {
            if (fields.message("E479", message.groupId()) != null
                    && fields.message("E28", message.groupRef()) != null
                    && (!is999 || fields.message("E480", message.version()) != null)) {
                groups.computeIfAbsent(message.groupId() + "|" + message.groupRef(), k -> new ArrayList<>())
                        .add(message);
            }
        }
        return groups;
    }

    private void x12(
            EdiWriter writer,
            AckFields fields,
            EdiReceipt receipt,
            Map<String, List<MessageSummary>> groups,
            boolean duplicate,
            String ackType,
            String controlRef) {
        InterchangeSummary interchange = receipt.interchange();
        boolean is999 = "999".equals(ackType);
        String version = is999 ? "005010X231A1" : "004010";
        writer.group("FA", String.valueOf(Long.parseLong(controlRef)), version);
        int set = 0;
        for (List<MessageSummary> group : groups.values()) {
            MessageSummary first = group.get(0);
            EdiWriter.Message m = writer.message(ackType, version, String.format("%04d", ++set));
            m.segment("AK1", first.groupId(), first.groupRef(), is999 ? first.version() : null);
            int accepted = 0;
            for (MessageSummary message : group) {
                List<Problem> content = receipt.contentProblemsOf(message.messageRef());
                boolean ok = message.faults().isEmpty()
                        && content.isEmpty()
                        && !duplicate
                        && receipt.refusedElsewhere().isEmpty();
                if (ok) {
                    accepted++;
                }
                String type = fields.message("E143", message.messageType());
                String ref = fields.message("E329", message.messageRef());
                if (type == null || ref == null) {
                    continue; // a transaction set that cannot be named: counted in AK9, not listed
                }
                m.segment("AK2", type, ref, is999 ? fields.message("E1705", message.version()) : null);
                String setCode = null;
                for (EdiFault fault : message.faults()) {
                    if (fault.code() == ErrorCode.EDI_COUNT && isService(fault.segment())) {
                        setCode = "4";
                        continue;
                    }
                    if (fault.code() == ErrorCode.EDI_CONTROL_REFERENCE && isService(fault.segment())) {
                        setCode = "3";
                        continue;
                    }
                    setCode = setCode == null ? "5" : setCode;
                    segmentNote(
                            m,
                            fields,
                            is999,
                            fault.segment(),
                            fault.position(),
                            fault.inElement() ? "8" : fault.x12Code());
                    if (fault.inElement()
                            && fields.message("E721", fault.segment()) != null
                            && fields.message("E719", fault.position()) != null) {
                        elementNote(
                                m,
                                fields,
                                is999,
                                fault.element(),
                                fault.component(),
                                fault.dataElement(),
                                fault.x12Code());
                    }
                }
                for (Problem problem : content) {
                    if (problem.location().position() == null) {
                        continue;
                    }
                    setCode = setCode == null ? "5" : setCode;
                    int[] place = place(problem.location().field());
                    boolean noted = segmentNote(
                            m,
                            fields,
                            is999,
                            problem.location().segment(),
                            problem.location().position(),
                            "8");
                    if (noted && place != null) {
                        elementNote(
                                m,
                                fields,
                                is999,
                                place[0],
                                place[1] > 0 ? place[1] : null,
                                null,
                                problem.code() == ErrorCode.EDI_DATE ? "8" : "7");
                    }
                }
                m.segment(is999 ? "IK5" : "AK5", ok ? "A" : "R", ok ? null : setCode == null ? "5" : setCode);
            }
            boolean groupOk = accepted == group.size() && interchange.faults().isEmpty();
            m.segment(
                    "AK9",
                    groupOk ? "A" : accepted == 0 ? "R" : "P",
                    String.valueOf(group.size()),
                    String.valueOf(group.size()),
                    String.valueOf(accepted),
                    groupOk ? null : interchange.faults().isEmpty() ? null : "3");
            m.end();
        }
    }

    /** AK3/IK3 for a segment in error, when its tag and position can be written; whether it was. */
    private static boolean segmentNote(
            EdiWriter.Message m, AckFields fields, boolean is999, String segment, Integer position, String code) {
        String tag = fields.message("E721", segment);
        String at = fields.message("E719", position);
        if (tag == null || at == null) {
            return false;
        }
        String fit = fields.message(is999 ? "E620" : "E720", code);
        m.segment(is999 ? "IK3" : "AK3", tag, at, null, fit != null ? fit : "8");
        return true;
    }

    /**
     * AK4/IK4 for an element in error, when its position can be written. A 997 (004010) has no codes for too many
     * repetitions or components (999: 12 and 13): it says too many data elements (3).
     */
    private static void elementNote(
            EdiWriter.Message m,
            AckFields fields,
            boolean is999,
            Integer element,
            Integer component,
            String dataElement,
            String code) {
        String position = fields.message("E722", element);
        if (position == null) {
            return;
        }
        String part = fields.message("E1528", component);
        String fit = fields.message(is999 ? "E621" : "E723", code);
        m.segment(
                is999 ? "IK4" : "AK4",
                part != null ? List.of(position, part) : position,
                fields.message("E725", dataElement),
                fit != null ? fit : "3");
    }

    /**
     * TA105, the interchange note code of a TA1: why the interchange is rejected, in the codes of X12 (017 version not
     * supported, 023 premature end of file, 025 duplicate control number, 001 header and trailer numbers differ,
     * 021 wrong number of groups, 024 invalid content), or 000 for an accepted one.
     */
    private static String noteCode(InterchangeSummary interchange, boolean duplicate, boolean accepted) {
        if (duplicate) {
            return "025";
        }
        if (accepted || interchange.faults().isEmpty()) {
            return accepted ? "000" : "024";
        }
        EdiFault fault = interchange.faults().get(0);
        if ("ISA".equals(fault.segment()) && Integer.valueOf(12).equals(fault.element())) {
            return "017";
        }
        return switch (fault.code()) {
            case EDI_TRUNCATED -> "023";
            case EDI_CONTROL_REFERENCE -> "001";
            case EDI_COUNT -> "021";
            default -> "024";
        };
    }

    private static boolean isService(String tag) {
        return tag != null
                && switch (tag) {
                    case "UNH", "UNT", "ST", "SE" -> true;
                    default -> false;
                };
    }

    private static int[] place(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = FIELD.matcher(field);
        if (!m.matches()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))};
    }

    private static String[] splitVersion(String version) {
        if (version == null || version.length() < 2) {
            return new String[] {"", ""};
        }
        return new String[] {version.substring(0, 1), version.substring(1)};
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
