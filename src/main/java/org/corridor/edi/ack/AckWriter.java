package org.corridor.edi.ack;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiFault;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiInterchangeReader.MessageSummary;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.out.EdiSyntax;
import org.corridor.edi.out.EdiWriter;
import org.corridor.validate.ErrorCode;
import org.corridor.validate.Problem;

/**
 * Writes the acknowledgement of one received interchange, addressed back to its sender: an EDIFACT CONTRL (UCI for
 * the interchange, UCM per message, UCS/UCD per segment and element fault, UN/EDIFACT 0085 codes), or an X12 997 or
 * 999 (AK1 per group, AK2 per transaction set, AK3/AK4 or IK3/IK4 per fault, AK5/IK5, AK9). Accepted means every
 * message was accepted; Corridor takes or refuses a file as a whole, so one fault rejects the interchange.
 */
public final class AckWriter {

    /** Action codes (0083): 7 acknowledged, 4 rejected. */
    private static final String ACCEPTED = "7";
    private static final String REJECTED = "4";
    private static final Pattern FIELD = Pattern.compile("^[A-Z0-9]{2,3}?(\\d{2})(?:-(\\d+))?$");

    /** The acknowledgement and the facts tracking keeps about it. */
    public record Ack(String standard, String ackType, String controlRef, String to, boolean accepted,
                      byte[] content) {
    }

    /** The X12 envelope of an acknowledgement: ISA12 00501 for a 999 (an 005010 implementation guide), else 00401. */
    public static EdiSyntax x12Syntax(String ackType) {
        return "999".equals(ackType) ? EdiSyntax.x12().withSyntax(null, "00501") : EdiSyntax.x12();
    }

    /**
     * @param receipt    what was read of the interchange
     * @param duplicateOf the document that brought the same interchange before, or null
     * @param ackType    CONTRL, 997 or 999
     * @param syntax     how the sender wants EDI written to it
     * @param controlRef the control number of the acknowledgement's own interchange
     */
    public Ack write(EdiReceipt receipt, String duplicateOf, String ackType, EdiSyntax syntax, String controlRef,
                     LocalDateTime at) {
        InterchangeSummary interchange = receipt.interchange();
        EdiEnvelope envelope = interchange.envelope();
        boolean accepted = receipt.accepted() && duplicateOf == null;
        EdiWriter.Parties parties = new EdiWriter.Parties(envelope.receiver(), envelope.receiverQualifier(),
                envelope.sender(), envelope.senderQualifier());
        EdiWriter writer = EdiWriter.open(syntax, parties, controlRef, at, envelope.test());
        if ("CONTRL".equals(ackType)) {
            contrl(writer, receipt, duplicateOf != null, syntax);
        } else {
            x12(writer, receipt, duplicateOf != null, ackType, controlRef);
        }
        return new Ack(envelope.standard(), ackType, controlRef, envelope.sender(), accepted, writer.finish());
    }

    private void contrl(EdiWriter writer, EdiReceipt receipt, boolean duplicate, EdiSyntax syntax) {
        InterchangeSummary interchange = receipt.interchange();
        EdiEnvelope envelope = interchange.envelope();
        EdiWriter.Message m = writer.message("CONTRL", "4".equals(syntax.syntaxVersion()) ? "4:1" : "D:3", "1");
        EdiFault envelopeFault = interchange.faults().isEmpty() ? null : interchange.faults().get(0);
        String uciError = duplicate ? "26" : envelopeFault != null ? envelopeFault.edifactCode() : null;
        String uciTag = duplicate ? "UNB" : envelopeFault != null ? envelopeFault.segment() : null;
        m.segment("UCI", envelope.controlRef(), List.of(nz(envelope.sender()), nz(envelope.senderQualifier())),
                List.of(nz(envelope.receiver()), nz(envelope.receiverQualifier())),
                receipt.accepted() && !duplicate ? ACCEPTED : REJECTED, uciError, uciTag);
        for (MessageSummary message : interchange.messages()) {
            List<Problem> content = receipt.contentProblems().getOrDefault(message.messageRef(), List.of());
            EdiFault service = message.faults().stream().filter(f -> isService(f.segment())).findFirst()
                    .orElse(null);
            boolean ok = message.faults().isEmpty() && content.isEmpty();
            String[] id = splitVersion(message.version());
            m.segment("UCM", message.messageRef(), List.of(nz(message.messageType()), id[0], id[1], "UN"),
                    ok ? ACCEPTED : REJECTED, service != null ? service.edifactCode() : null,
                    service != null ? service.segment() : null);
            for (EdiFault fault : message.faults()) {
                if (isService(fault.segment())) {
                    continue;
                }
                m.segment("UCS", String.valueOf(fault.position()), fault.inElement() ? null : fault.edifactCode());
                if (fault.inElement()) {
                    m.segment("UCD", fault.edifactCode(), List.of(String.valueOf(fault.element()),
                            fault.component() != null ? String.valueOf(fault.component()) : ""));
                }
            }
            for (Problem problem : content) {
                Integer position = problem.location().position();
                if (position == null) {
                    continue;
                }
                int[] place = place(problem.location().field());
                m.segment("UCS", String.valueOf(position), place == null ? "12" : null);
                if (place != null) {
                    m.segment("UCD", "12", List.of(String.valueOf(place[0]), place[1] > 0 ? String.valueOf(place[1])
                            : ""));
                }
            }
        }
        m.end();
    }

    private void x12(EdiWriter writer, EdiReceipt receipt, boolean duplicate, String ackType, String controlRef) {
        InterchangeSummary interchange = receipt.interchange();
        boolean is999 = "999".equals(ackType);
        String version = is999 ? "005010X231A1" : "004010";
        writer.group("FA", String.valueOf(Long.parseLong(controlRef)), version);
        Map<String, List<MessageSummary>> groups = new LinkedHashMap<>();
        for (MessageSummary message : interchange.messages()) {
            groups.computeIfAbsent(message.groupId() + "|" + message.groupRef(), k -> new ArrayList<>()).add(message);
        }
        int set = 0;
        for (List<MessageSummary> group : groups.values()) {
            MessageSummary first = group.get(0);
            EdiWriter.Message m = writer.message(ackType, version, String.format("%04d", ++set));
            m.segment("AK1", first.groupId(), first.groupRef(), is999 ? first.version() : null);
            int accepted = 0;
            for (MessageSummary message : group) {
                List<Problem> content = receipt.contentProblems().getOrDefault(message.messageRef(), List.of());
                m.segment("AK2", message.messageType(), message.messageRef(), is999 ? message.version() : null);
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
                    m.segment(is999 ? "IK3" : "AK3", fault.segment(), String.valueOf(fault.position()), null,
                            fault.inElement() ? "8" : fault.x12Code());
                    if (fault.inElement()) {
                        m.segment(is999 ? "IK4" : "AK4", fault.component() != null
                                        ? List.of(String.valueOf(fault.element()), String.valueOf(fault.component()))
                                        : String.valueOf(fault.element()),
                                fault.dataElement(), fault.x12Code());
                    }
                }
                for (Problem problem : content) {
                    if (problem.location().position() == null) {
                        continue;
                    }
                    setCode = setCode == null ? "5" : setCode;
                    int[] place = place(problem.location().field());
                    m.segment(is999 ? "IK3" : "AK3", problem.location().segment(),
                            String.valueOf(problem.location().position()), null, "8");
                    if (place != null) {
                        m.segment(is999 ? "IK4" : "AK4", place[1] > 0 ? List.of(String.valueOf(place[0]),
                                String.valueOf(place[1])) : String.valueOf(place[0]), null,
                                problem.code() == ErrorCode.EDI_DATE ? "8" : "7");
                    }
                }
                boolean ok = message.faults().isEmpty() && content.isEmpty() && !duplicate;
                if (ok) {
                    accepted++;
                }
                m.segment(is999 ? "IK5" : "AK5", ok ? "A" : "R", ok ? null : setCode == null ? "5" : setCode);
            }
            boolean groupOk = accepted == group.size() && interchange.faults().isEmpty();
            m.segment("AK9", groupOk ? "A" : accepted == 0 ? "R" : "P", String.valueOf(group.size()),
                    String.valueOf(group.size()), String.valueOf(accepted), groupOk ? null
                            : interchange.faults().isEmpty() ? null : "3");
            m.end();
        }
        if (groups.isEmpty()) {
            // nothing could be read as a group: a 997 that rejects the interchange as a whole
            EdiWriter.Message m = writer.message(ackType, version, "0001");
            m.segment("AK1", "", interchange.envelope().controlRef());
            m.segment("AK9", "R", "0", "0", "0", "3");
            m.end();
        }
    }

    private static boolean isService(String tag) {
        return tag != null && switch (tag) {
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
