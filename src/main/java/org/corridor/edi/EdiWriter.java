package org.corridor.edi;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes one interchange through StAEDI's stream writer: envelope (UNA/UNB…UNZ or ISA…IEA, with X12 GS…GE groups),
 * messages (UNH…UNT, ST…SE) with their segment counts, and the counts in every trailer. Values are escaped with the
 * partner's release character by StAEDI; empty trailing elements are left out.
 *
 * <pre>
 * EdiWriter w = EdiWriter.open(syntax, parties, "000000042", now, false);
 * w.group("RT", "42", "004010");                 // X12 only
 * EdiWriter.Message m = w.message("863", "004010", "0001");
 * m.segment("BTR", "D", "1", "CA");
 * m.end();
 * byte[] edi = w.finish();
 * </pre>
 */
public final class EdiWriter {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /** The sender (us) and receiver (the partner) of an interchange, with their id qualifiers. */
    public record Parties(String sender, String senderQualifier, String receiver, String receiverQualifier) {}

    private final EdiSyntax syntax;
    private final Parties parties;
    private final String controlRef;
    private final LocalDateTime preparedAt;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EDIStreamWriter writer;
    private int groups;
    private int messagesInInterchange;
    private int messagesInGroup;
    private String groupRef;
    private Message open;

    private EdiWriter(EdiSyntax syntax, Parties parties, String controlRef, LocalDateTime preparedAt, boolean test) {
        this.syntax = syntax;
        this.parties = parties;
        this.controlRef = controlRef;
        this.preparedAt = preparedAt;
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIStreamConstants.Delimiters.SEGMENT, syntax.segmentTerminator());
        factory.setProperty(EDIStreamConstants.Delimiters.DATA_ELEMENT, syntax.elementSeparator());
        factory.setProperty(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, syntax.componentSeparator());
        if (syntax.releaseCharacter() != null) {
            factory.setProperty(EDIStreamConstants.Delimiters.RELEASE, syntax.releaseCharacter());
        }
        if (syntax.repetitionSeparator() != null) {
            factory.setProperty(EDIStreamConstants.Delimiters.REPETITION, syntax.repetitionSeparator());
        }
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, syntax.lineBreaks());
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        try {
            String encoding = syntax.isX12()
                    ? "US-ASCII"
                    : EdifactCharsets.charset(syntax.syntaxId()).name();
            writer = factory.createEDIStreamWriter(bytes, encoding);
            writer.startInterchange();
            if (syntax.isX12()) {
                isa(test);
            } else {
                unb(test);
            }
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot start an interchange: " + e.getMessage(), e);
        }
    }

    /** Starts an interchange; write messages (X12: inside a {@link #group}), then {@link #finish()}. */
    public static EdiWriter open(
            EdiSyntax syntax, Parties parties, String controlRef, LocalDateTime preparedAt, boolean test) {
        return new EdiWriter(syntax, parties, controlRef, preparedAt, test);
    }

    private void unb(boolean test) throws EDIStreamException {
        segment(List.of(
                "UNB",
                List.of(syntax.syntaxId(), syntax.syntaxVersion()),
                pair(parties.sender(), parties.senderQualifier()),
                pair(parties.receiver(), parties.receiverQualifier()),
                List.of(
                        "4".equals(syntax.syntaxVersion()) ? CCYYMMDD.format(preparedAt) : YYMMDD.format(preparedAt),
                        HHMM.format(preparedAt)),
                controlRef,
                "",
                "",
                "",
                "",
                "",
                test ? "1" : ""));
    }

    private void isa(boolean test) throws EDIStreamException {
        segment(List.of(
                "ISA",
                "00",
                " ".repeat(10),
                "00",
                " ".repeat(10),
                pad(parties.senderQualifier() == null ? "ZZ" : parties.senderQualifier(), 2),
                pad(parties.sender(), 15),
                pad(parties.receiverQualifier() == null ? "ZZ" : parties.receiverQualifier(), 2),
                pad(parties.receiver(), 15),
                YYMMDD.format(preparedAt),
                HHMM.format(preparedAt),
                // ISA11: the standards identifier U up to 00401; from 00402 on, the repetition separator
                syntax.syntaxVersion().compareTo("00402") >= 0
                        ? String.valueOf(syntax.repetitionSeparator() != null ? syntax.repetitionSeparator() : '^')
                        : "U",
                syntax.syntaxVersion(),
                String.format("%09d", Long.parseLong(controlRef)),
                "0",
                test ? "T" : "P",
                String.valueOf(syntax.componentSeparator())));
    }

    /**
     * X12: an interchange acknowledgement (TA1) of a received interchange, before any group: its control number
     * (ISA13), date (ISA09) and time (ISA10), A or R, and the note code saying why.
     */
    public EdiWriter interchangeAcknowledgement(
            String controlNumber, String date, String time, String code, String note) {
        if (!syntax.isX12() || groups > 0) {
            throw new IllegalStateException("a TA1 belongs in an X12 interchange, before its functional groups");
        }
        write(List.of("TA1", controlNumber, date, time, code, note));
        return this;
    }

    /** X12: opens a functional group (GS), closing the one before. */
    public EdiWriter group(String functionalId, String ref, String version) {
        closeGroup();
        groups++;
        groupRef = ref;
        messagesInGroup = 0;
        write(List.of(
                "GS",
                functionalId,
                parties.sender(),
                parties.receiver(),
                CCYYMMDD.format(preparedAt),
                HHMM.format(preparedAt),
                ref,
                "X",
                version));
        return this;
    }

    /** Starts a message: UNH with {@code type:D:96A:UN} from the version, or ST with the transaction set id. */
    public Message message(String type, String version, String ref) {
        if (open != null) {
            throw new IllegalStateException("message " + open.ref + " is not ended");
        }
        if (syntax.isX12() && groupRef == null) {
            throw new IllegalStateException("X12 messages belong in a functional group: call group() first");
        }
        messagesInInterchange++;
        messagesInGroup++;
        open = new Message(ref);
        if (syntax.isX12()) {
            // 005010 implementation guides (999: 005010X231A1) are named in ST03; 004010 has no ST03
            open.segment("ST", type, ref, version != null && version.startsWith("0050") ? version : null);
        } else {
            // D96A -> D:96A:UN ; service messages give their own version ("D:3", "2:2")
            List<String> id = version.contains(":")
                    ? List.of(type, version.split(":")[0], version.split(":")[1], "UN")
                    : List.of(type, version.substring(0, 1), version.substring(1), "UN");
            open.segment("UNH", ref, id);
        }
        return open;
    }

    /** Ends the last group and the interchange and returns the bytes. */
    public byte[] finish() {
        if (open != null) {
            throw new IllegalStateException("message " + open.ref + " is not ended");
        }
        closeGroup();
        if (syntax.isX12()) {
            write(List.of("IEA", String.valueOf(groups), String.format("%09d", Long.parseLong(controlRef))));
        } else {
            write(List.of("UNZ", String.valueOf(messagesInInterchange), controlRef));
        }
        try {
            writer.endInterchange();
            writer.close();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot end the interchange: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private void closeGroup() {
        if (syntax.isX12() && groupRef != null) {
            write(List.of("GE", String.valueOf(messagesInGroup), groupRef));
            groupRef = null;
        }
    }

    private void write(List<Object> tagAndElements) {
        try {
            segment(tagAndElements);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot write segment " + tagAndElements.get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a segment: a tag, then elements, each a string (null or empty = empty element) or a list of component
     * strings (a composite; nulls are empty components).
     */
    private void segment(List<Object> tagAndElements) throws EDIStreamException {
        writer.writeStartSegment((String) tagAndElements.get(0));
        int last = tagAndElements.size() - 1;
        while (last > 0 && isEmpty(tagAndElements.get(last))) {
            last--;
        }
        for (int i = 1; i <= last; i++) {
            Object element = tagAndElements.get(i);
            if (element instanceof List<?> components) {
                int lastComponent = components.size() - 1;
                while (lastComponent > 0 && isEmpty(components.get(lastComponent))) {
                    lastComponent--;
                }
                writer.writeStartElement();
                for (int c = 0; c <= lastComponent; c++) {
                    Object value = components.get(c);
                    if (isEmpty(value)) {
                        writer.writeEmptyComponent();
                    } else {
                        writer.writeComponent(value.toString());
                    }
                }
                writer.endElement();
            } else if (isEmpty(element)) {
                writer.writeEmptyElement();
            } else {
                writer.writeElement(element.toString());
            }
        }
        writer.writeEndSegment();
    }

    private static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(EdiWriter::isEmpty);
        }
        return value.toString().isEmpty();
    }

    private static List<String> pair(String id, String qualifier) {
        return qualifier == null ? List.of(id) : List.of(id, qualifier);
    }

    private static String pad(String value, int length) {
        String v = value == null ? "" : value;
        return v.length() >= length ? v.substring(0, length) : v + " ".repeat(length - v.length());
    }

    /** One message being written; counts its segments for the trailer. */
    public final class Message {
        private final String ref;
        private int segments;

        private Message(String ref) {
            this.ref = ref;
        }

        /**
         * Writes a segment: elements are strings (null or "" = empty) or lists of components; trailing empty elements
         * and components are left out. Example: {@code segment("DTM", List.of("137", "20251006", "102"))}.
         */
        public Message segment(String tag, Object... elements) {
            List<Object> all = new java.util.ArrayList<>(elements.length + 1);
            all.add(tag);
            for (Object element : elements) {
                all.add(element instanceof String[] array ? java.util.Arrays.asList(array) : element);
            }
            write(all);
            segments++;
            return this;
        }

        /** When the interchange was prepared (UNB/ISA date and time): the date of a report or notice written now. */
        public LocalDateTime preparedAt() {
            return preparedAt;
        }

        /** Writes UNT or SE with the segment count, header and trailer included. */
        public void end() {
            segments++;
            write(List.of(syntax.isX12() ? "SE" : "UNT", String.valueOf(segments), ref));
            open = null;
        }
    }
}
