package org.corridor.edi;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.corridor.validate.ErrorCode;

/**
 * Streams EDIFACT and X12 interchanges through StAEDI, one message at a time: each message is handed to the consumer
 * as soon as its trailer is read, with the faults its schema found, so a file of any size is read in the memory one
 * message needs. Envelope faults (UNB/UNZ, ISA/IEA, groups) and a file that cannot be read on (a broken delimiter, a
 * file cut short) are reported in the returned summaries, one per interchange, with every message's reference and
 * faults: what an acknowledgement needs.
 *
 * <p>StAEDI does the tokenising, the envelope checks (counts, control references) and the schema validation; this
 * class only turns its events into segments and its errors into {@link EdiFault}s a clerk can read.
 */
public final class EdiInterchangeReader {

    /** Syntax identifier (0001), message type (0065), transaction set identifier (143). */
    private static final java.util.Set<String> ENVELOPE_CODES = java.util.Set.of("1", "0001", "65", "0065", "143");

    private final EdiSchemas schemas;
    private final EDIInputFactory factory;

    public EdiInterchangeReader(EdiSchemas schemas) {
        this.schemas = schemas;
        this.factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        // Code values stay validated (switching that off also switches off the messages' code lists); UNOW (UTF-8),
        // missing from StAEDI's syntax identifier list, is let through and the identifier checked here instead.
    }

    /** What was read of one interchange: its envelope, its own faults, and a summary of each of its messages. */
    public record InterchangeSummary(EdiEnvelope envelope, List<EdiFault> faults, List<MessageSummary> messages) {

        public boolean valid() {
            return faults.isEmpty() && messages.stream().allMatch(m -> m.faults().isEmpty());
        }
    }

    /** One message of an interchange, as an acknowledgement reports it. */
    public record MessageSummary(String messageType, String version, String messageRef, String groupId,
                                 String groupRef, int index, List<EdiFault> faults) {
    }

    /**
     * Reads every interchange in the stream (a UTF-8 byte order mark first is skipped), handing each message to
     * {@code messages} in file order. Never throws for bad EDI: faults are in the summaries.
     */
    public List<InterchangeSummary> read(InputStream input, Consumer<EdiMessage> messages) {
        List<InterchangeSummary> summaries = new ArrayList<>();
        try (InputStream in = withoutBom(input); EDIStreamReader reader = factory.createEDIStreamReader(in)) {
            new Pass(reader, messages, summaries).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summaries;
    }

    private static InputStream withoutBom(InputStream input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input, 65536);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return in;
    }

    /** The state of one read: where in the envelope structure the reader is. */
    private final class Pass {
        private final EDIStreamReader reader;
        private final Consumer<EdiMessage> sink;
        private final List<InterchangeSummary> summaries;

        private String standard;
        private EdiEnvelope envelope;
        private List<EdiFault> envelopeFaults;
        private List<MessageSummary> messageSummaries;
        private boolean interchangeOpen;

        // the segment being read
        private String tag;
        private int segmentLine;
        private List<List<String>> elements;
        private boolean inComposite;

        // the message being read
        private boolean inMessage;
        private int headerPosition;
        private String messageType;
        private String messageVersion;
        private List<EdiSegment> segments;
        private List<EdiFault> messageFaults;
        private int messageIndex;

        Pass(EDIStreamReader reader, Consumer<EdiMessage> sink, List<InterchangeSummary> summaries) {
            this.reader = reader;
            this.sink = sink;
            this.summaries = summaries;
        }

        void run() {
            try {
                while (reader.hasNext()) {
                    step(reader.next());
                }
                if (interchangeOpen) {
                    fatal(ErrorCode.EDI_TRUNCATED, null, "The file ends before the interchange trailer ("
                            + trailerTag() + "): it was cut short. Please send the whole interchange again.");
                }
            } catch (EDIStreamException e) {
                boolean truncated = e.getMessage() != null && e.getMessage().contains("Unexpected end of stream");
                Location at = e.getLocation();
                if (truncated) {
                    fatal(ErrorCode.EDI_TRUNCATED, at, "The file ends in the middle of segment "
                            + (at != null ? at.getSegmentTag() : "?") + ", before the interchange trailer ("
                            + trailerTag() + "): it was cut short. Please send the whole interchange again.");
                } else {
                    fatal(ErrorCode.EDI_SYNTAX, at, "The EDI text cannot be read "
                            + (at != null && at.getSegmentTag() != null ? "on after segment " + at.getSegmentTag()
                            : "from the start of the file") + ": " + plain(e.getMessage())
                            + ". Check the delimiters (UNA service string or ISA separators) and the segment"
                            + " terminator.");
                }
            }
        }

        private void step(EDIStreamEvent event) {
            switch (event) {
                case START_INTERCHANGE -> startInterchange();
                case START_SEGMENT -> startSegment();
                case START_COMPOSITE -> {
                    inComposite = true;
                    slot(reader.getLocation().getElementPosition());
                }
                case END_COMPOSITE -> inComposite = false;
                case ELEMENT_DATA -> data();
                case END_SEGMENT -> endSegment();
                case START_TRANSACTION -> startMessage();
                case END_TRANSACTION -> endMessage();
                case END_GROUP -> envelope = envelope.outsideGroup();
                case END_INTERCHANGE -> endInterchange();
                case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> error(event);
                default -> {
                    // loops, groups' start (the GS/UNG segment itself carries the facts), binary data: nothing to do
                }
            }
        }

        private void startInterchange() {
            standard = reader.getStandard();
            envelope = new EdiEnvelope(standard, null, null, null, null, null, null, null, null, false, null, null,
                    null);
            envelopeFaults = new ArrayList<>();
            messageSummaries = new ArrayList<>();
            messageIndex = 0;
            interchangeOpen = true;
        }

        private void startSegment() {
            tag = reader.getText();
            segmentLine = reader.getLocation().getLineNumber();
            elements = new ArrayList<>();
            inComposite = false;
            if (inMessage && headerPosition < 0) {
                headerPosition = reader.getLocation().getSegmentPosition();
            }
        }

        private List<String> slot(int position) {
            while (elements.size() < position) {
                elements.add(new ArrayList<>());
            }
            return elements.get(position - 1);
        }

        private void data() {
            Location at = reader.getLocation();
            if (at.getElementOccurrence() > 1) {
                return; // repetitions beyond the first are not used by any corridor message
            }
            List<String> element = slot(Math.max(at.getElementPosition(), 1));
            int component = inComposite ? Math.max(at.getComponentPosition(), 1) : 1;
            while (element.size() < component - 1) {
                element.add("");
            }
            element.add(reader.getText());
        }

        private void endSegment() {
            List<List<String>> values = elements.stream().map(e -> e.isEmpty() ? List.of("") : List.copyOf(e))
                    .toList();
            EdiSegment segment = new EdiSegment(tag, inMessage ? messagePosition(reader.getLocation()) : 0,
                    segmentLine, values);
            switch (tag) {
                case "UNB" -> unb(segment);
                case "ISA" -> isa(segment);
                case "UNG" -> envelope = envelope.inGroup(segment.element(1), segment.element(5),
                        join(segment.component(7, 1), segment.component(7, 2)));
                case "GS" -> envelope = envelope.inGroup(segment.element(1), segment.element(6), segment.element(8));
                default -> {
                }
            }
            if (inMessage) {
                segments.add(segment);
                if (segments.size() == 1) {
                    messageHeader(segment);
                }
            }
        }

        private void unb(EdiSegment unb) {
            String syntaxId = unb.component(1, 1);
            envelope = new EdiEnvelope(standard, join(syntaxId, ":", unb.component(1, 2)), unb.component(2, 1),
                    unb.component(2, 2), unb.component(3, 1), unb.component(3, 2), unb.element(5),
                    unb.component(4, 1), unb.component(4, 2), "1".equals(unb.element(11)), null, null, null);
            if (syntaxId != null && !EdifactCharsets.supported(syntaxId)) {
                envelopeFaults.add(new EdiFault(ErrorCode.EDI_ENVELOPE, "UNB",
                        reader.getLocation().getSegmentPosition(), unb.line(), 1, 1, "0001", "12", null, "The syntax identifier \"" + syntaxId
                        + "\" is not one Corridor reads. Use UNOA, UNOB, UNOC, UNOD or UNOW."));
            }
        }

        private void isa(EdiSegment isa) {
            envelope = new EdiEnvelope(standard, trim(isa.element(12)), trim(isa.element(6)), trim(isa.element(5)),
                    trim(isa.element(8)), trim(isa.element(7)), trim(isa.element(13)), isa.element(9),
                    isa.element(10), "T".equals(isa.element(15)), null, null, null);
        }

        private void startMessage() {
            inMessage = true;
            headerPosition = -1;
            messageIndex++;
            messageType = null;
            messageVersion = null;
            segments = new ArrayList<>();
            messageFaults = new ArrayList<>();
        }

        /**
         * The header (UNH or ST) names the message type and version; its schema is attached now, before the first
         * body segment. (StAEDI cannot always tell the type when the transaction starts: not for a second ST
         * directly after an SE.)
         */
        private void messageHeader(EdiSegment header) {
            if (EdiEnvelope.EDIFACT.equals(standard)) {
                messageType = header.component(2, 1);
                messageVersion = join(header.component(2, 2), header.component(2, 3));
            } else {
                messageType = header.element(1);
                messageVersion = header.element(3) != null ? header.element(3) : envelope.groupVersion();
            }
            Schema schema = schemas.find(standard, messageVersion, messageType).orElse(null);
            if (schema != null) {
                reader.setTransactionSchema(schema);
            }
        }

        private void endMessage() {
            String ref = messageRef();
            EdiMessage message = new EdiMessage(envelope, messageType, messageVersion, ref, messageIndex, segments,
                    messageFaults);
            messageSummaries.add(new MessageSummary(messageType, messageVersion, ref, envelope.groupId(),
                    envelope.groupRef(), messageIndex, messageFaults));
            inMessage = false;
            sink.accept(message);
        }

        private void endInterchange() {
            summaries.add(new InterchangeSummary(envelope, List.copyOf(envelopeFaults), List.copyOf(messageSummaries)));
            interchangeOpen = false;
        }

        /** UNH 0062 or ST02. */
        private String messageRef() {
            if (segments.isEmpty()) {
                return null;
            }
            return segments.get(0).element(EdiEnvelope.X12.equals(standard) ? 2 : 1);
        }

        private int messagePosition(Location at) {
            return headerPosition < 0 ? 1 : at.getSegmentPosition() - headerPosition + 1;
        }

        private void error(EDIStreamEvent event) {
            EDIStreamValidationError type = reader.getErrorType();
            Location at = reader.getLocation();
            if (type == EDIStreamValidationError.INVALID_CODE_VALUE && ENVELOPE_CODES.contains(reader.getReferenceCode())) {
                // the syntax identifier is checked against the character sets Corridor reads (UNOW included) in
                // unb(); a message type outside StAEDI's list is reported by the parser as one Corridor does not read
                return;
            }
            if (type == EDIStreamValidationError.INVALID_CODE_VALUE && "54".equals(reader.getReferenceCode())
                    && reader.hasText() && "3".equals(reader.getText())) {
                // CONTRL:D:3 is the syntax 4 service message version; StAEDI's syntax 4 list of releases lacks "3"
                return;
            }
            boolean element = event != EDIStreamEvent.SEGMENT_ERROR;
            String segmentTag = at.getSegmentTag();
            String ref = reader.getReferenceCode();
            String value = element && reader.hasText() ? reader.getText() : null;
            if (!element && type == EDIStreamValidationError.MANDATORY_SEGMENT_MISSING
                    || !element && type == EDIStreamValidationError.IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE
                    || !element && type == EDIStreamValidationError.CONDITIONAL_REQUIRED_SEGMENT_MISSING) {
                segmentTag = ref; // StAEDI reports a missing segment at the one where it noticed; name the missing one
            } else if (!element && reader.hasText()) {
                segmentTag = reader.getText();
            }
            Integer position = inMessage ? messagePosition(at) : at.getSegmentPosition();
            Integer elementPos = element && at.getElementPosition() > 0 ? at.getElementPosition() : null;
            Integer component = element && at.getComponentPosition() > 0 ? at.getComponentPosition() : null;
            EdiFault fault = EdiErrors.fault(type, segmentTag, at.getSegmentTag(), position, at.getLineNumber(),
                    elementPos, component, element ? ref : null, value, element ? facts() : EdiErrors.ElementFacts.NONE);
            if (inMessage) {
                messageFaults.add(fault);
            } else if (envelopeFaults != null) {
                envelopeFaults.add(fault);
            }
        }

        private EdiErrors.ElementFacts facts() {
            EDIReference ref = reader.getSchemaTypeReference();
            if (ref != null && ref.getReferencedType() instanceof EDISimpleType type) {
                return new EdiErrors.ElementFacts(ref.getTitle(), type.getMinLength() > 0 ? type.getMinLength() : null,
                        type.getMaxLength() > 0 ? type.getMaxLength() : null, type.getValueSet());
            }
            return EdiErrors.ElementFacts.NONE;
        }

        private void fatal(ErrorCode code, Location at, String text) {
            Integer line = at != null && at.getLineNumber() > 0 ? at.getLineNumber() : null;
            String segmentTag = at != null ? at.getSegmentTag() : null;
            Integer position = at != null && at.getSegmentPosition() > 0
                    ? (inMessage ? messagePosition(at) : at.getSegmentPosition()) : null;
            EdiFault fault = new EdiFault(code, segmentTag, position, line, null, null, null,
                    code == ErrorCode.EDI_TRUNCATED ? "18" : "21", null, text);
            if (inMessage) {
                messageFaults.add(fault);
                messageSummaries.add(new MessageSummary(messageType, messageVersion, messageRef(),
                        envelope.groupId(), envelope.groupRef(), messageIndex, messageFaults));
                inMessage = false;
            }
            if (envelope == null) {
                envelope = new EdiEnvelope(standard, null, null, null, null, null, null, null, null, false, null,
                        null, null);
                envelopeFaults = new ArrayList<>();
                messageSummaries = new ArrayList<>();
            }
            envelopeFaults.add(fault);
            summaries.add(new InterchangeSummary(envelope, List.copyOf(envelopeFaults), List.copyOf(messageSummaries)));
            interchangeOpen = false;
        }

        private String trailerTag() {
            return EdiEnvelope.X12.equals(standard) ? "IEA" : "UNZ";
        }
    }

    private static String plain(String staediMessage) {
        if (staediMessage == null) {
            return "unreadable text";
        }
        String text = staediMessage.replaceFirst("^EDIE\\d+ - ", "");
        return text.replaceAll("; INVALID \\(previous: [A-Z_0-9]+\\)", "");
    }

    private static String part(String[] parts, int index) {
        return parts != null && parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + b;
    }

    private static String join(String a, String separator, String b) {
        return a == null ? null : b == null ? a : a + separator + b;
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
