package org.corridor.edi;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.corridor.problem.ErrorCode;

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
    private static final Set<String> ENVELOPE_CODES = Set.of("1", "0001", "65", "0065", "143");
    /** A missing group or message StAEDI reports in an interchange that holds no message at all. */
    private static final Set<String> MESSAGE_OR_GROUP = Set.of("UNG", "UNH", "GS", "ST");
    /** An X12 ISA segment has a fixed length. */
    private static final int ISA_LENGTH = 106;

    /**
     * Faults kept per message (and per interchange envelope): as many as a CONTRL can name (999 segment errors per
     * message) and more than any clerk reads. A file with a segment of 100,000 components has as many faults.
     */
    static final int MAX_FAULTS = 999;

    /**
     * Segments kept of one message, which is held whole to be mapped: far more than any real message has (a QALITY of
     * a hundred analytes has a few hundred), and about 50 MB of heap. Beyond it the message is refused
     * ({@code EDI_SEGMENT_UNEXPECTED}) and the rest read without being kept: an 80 MB message of one repeated segment
     * took more than a 512 MB heap.
     */
    static final int MAX_MESSAGE_SEGMENTS = 100_000;

    /**
     * Data elements kept per segment, and components per element: no segment of any message has more than a few dozen.
     * StAEDI reports the excess as a fault; keeping it cost about 130 MB of heap per million (a 2 MB file), so a 10 MB
     * segment of empty elements would take more than the gateway's heap.
     */
    static final int MAX_SEGMENT_VALUES = 1_000;
    /** StAEDI's element buffer (a fixed 4,096 characters in 1.26): a longer element stops the reader. */
    static final int MAX_ELEMENT_CHARACTERS = 4_096;

    /**
     * Bytes of one message kept in memory to read it again with its schema when the screen is not sure: far beyond any
     * real message (a QALITY of a hundred analytes is a few KB); a longer one is kept in a temporary file.
     */
    static final int MAX_RECORDED_BYTES = 8 << 20;

    private final EdiSchemas schemas;
    private final EDIInputFactory factory;
    private final boolean screening;
    /** Messages read without their schema, and those of them read again with it: what the tests look at. */
    private final LongAdder screenedMessages = new LongAdder();

    private final LongAdder replayedMessages = new LongAdder();

    public EdiInterchangeReader(EdiSchemas schemas) {
        this(schemas, true);
    }

    /**
     * {@code screening}: read EDIFACT message bodies without their schema first and let {@link EdiScreen} vouch for
     * them, reading a message again with its schema only when it is not sure (issue 16); off, every message is read
     * with its schema attached, as StAEDI validates it. Both give the same messages and the same faults.
     */
    EdiInterchangeReader(EdiSchemas schemas, boolean screening) {
        this.schemas = schemas;
        this.screening = screening;
        this.factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        // Code values stay validated (switching that off also switches off the messages' code lists); UNOW (UTF-8),
        // missing from StAEDI's syntax identifier list, is let through and the identifier checked here instead.
    }

    long screened() {
        return screenedMessages.sum();
    }

    long replays() {
        return replayedMessages.sum();
    }

    /**
     * What was read of one interchange: its envelope, its own faults, a summary of each of its messages, and whether
     * it carries an interchange acknowledgement (X12 TA1), which is never answered.
     */
    public record InterchangeSummary(
            EdiEnvelope envelope,
            List<EdiFault> faults,
            List<MessageSummary> messages,
            boolean interchangeAcknowledgement) {

        public InterchangeSummary(EdiEnvelope envelope, List<EdiFault> faults, List<MessageSummary> messages) {
            this(envelope, faults, messages, false);
        }

        public boolean valid() {
            return faults.isEmpty()
                    && messages.stream().allMatch(m -> m.faults().isEmpty());
        }
    }

    /** One message of an interchange, as an acknowledgement reports it. */
    public record MessageSummary(
            String messageType,
            String version,
            String messageRef,
            String groupId,
            String groupRef,
            int index,
            List<EdiFault> faults) {}

    /**
     * Reads every interchange in the stream (a UTF-8 byte order mark first is skipped), handing each message to
     * {@code messages} in file order. Never throws for bad EDI: faults are in the summaries.
     */
    public List<InterchangeSummary> read(InputStream input, Consumer<EdiMessage> messages) {
        List<InterchangeSummary> summaries = new ArrayList<>();
        try (BufferedInputStream in = withoutBom(input)) {
            String head = head(in);
            Recording recording = screening ? new Recording(in) : null;
            try (EDIStreamReader reader = factory.createEDIStreamReader(recording != null ? recording : in)) {
                new Pass(reader, messages, summaries, standardOf(head), head, recording, 0).run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summaries;
    }

    private static BufferedInputStream withoutBom(InputStream input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input, 65536);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return in;
    }

    /**
     * The standard the file starts with (ISA: X12, else EDIFACT): a file whose header cannot be read still gets a
     * reason that names its own header and trailer.
     */
    private static String standardOf(String head) {
        return head.stripLeading().startsWith("ISA") ? EdiEnvelope.X12 : EdiEnvelope.EDIFACT;
    }

    /** The first bytes, read without consuming them: enough for two interchange headers. */
    private static String head(BufferedInputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        return new String(head, StandardCharsets.ISO_8859_1);
    }

    /** The state of one read: where in the envelope structure the reader is. */
    private final class Pass {
        private final EDIStreamReader reader;
        private final Consumer<EdiMessage> sink;
        private final List<InterchangeSummary> summaries;
        private final String head;
        /** The bytes StAEDI has read, from the current message's start (main pass; null when not screening). */
        private final Recording recording;
        /** Replay of one message: the line its header has in the file (0 in the main pass). */
        private final int replayHeaderLine;
        /** Added to StAEDI's line numbers: a replayed message's lines are those of the file. */
        private int lineShift;

        private boolean stopped;
        /** The fault after which this pass could read no further, if any. */
        private EdiFault fatalFault;

        private String standard;
        private EdiEnvelope envelope;
        private List<EdiFault> envelopeFaults;
        private List<MessageSummary> messageSummaries;
        private boolean interchangeOpen;
        private boolean interchangeAcknowledgement;
        private String lastTag;
        private int lastLine;

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
        private boolean messageTooLong;
        private int messageIndex;

        // screening: where the interchange and the message start in the recording, the interchange's UNA and UNB
        private long lastSegmentEnd;
        private long interchangeStart;
        private String firstTag;
        private byte[] interchangeHeader;
        private long messageStart;
        private EdiScreen screen;
        private char decimalMark;
        private boolean unscreenable;

        Pass(
                EDIStreamReader reader,
                Consumer<EdiMessage> sink,
                List<InterchangeSummary> summaries,
                String expectedStandard,
                String head,
                Recording recording,
                int replayHeaderLine) {
            this.reader = reader;
            this.sink = sink;
            this.summaries = summaries;
            this.standard = expectedStandard;
            this.head = head;
            this.recording = recording;
            this.replayHeaderLine = replayHeaderLine;
        }

        void run() {
            try {
                while (!stopped && reader.hasNext()) {
                    step(reader.next());
                }
                if (interchangeOpen && !stopped) {
                    fatal(
                            ErrorCode.EDI_TRUNCATED,
                            null,
                            null,
                            "The file ends before the interchange trailer (" + trailerTag()
                                    + "): it was cut short. Please send the whole interchange again.");
                }
            } catch (EDIStreamException e) {
                boolean truncated = e.getMessage() != null && e.getMessage().contains("Unexpected end of stream");
                Location at = e.getLocation();
                if (truncated && at != null && at.getSegmentTag() != null) {
                    fatal(
                            ErrorCode.EDI_TRUNCATED,
                            at,
                            null,
                            "The file ends in the middle of segment "
                                    + at.getSegmentTag() + ", before the interchange trailer (" + trailerTag()
                                    + "): it was"
                                    + " cut short. Please send the whole interchange again.");
                } else if (truncated && envelope == null) {
                    // the header itself (an X12 ISA has a fixed length) was never read whole
                    fatal(
                            ErrorCode.EDI_TRUNCATED,
                            at,
                            headerTag(),
                            "The file ends in the middle of the interchange"
                                    + " header " + headerTag() + secondHeader() + ", before the interchange trailer ("
                                    + trailerTag() + "): it was cut short. Please send the whole interchange again.");
                } else if (truncated) {
                    fatal(
                            ErrorCode.EDI_TRUNCATED,
                            at,
                            null,
                            "The file ends in the middle of a segment that could"
                                    + " not be read (after " + lastSegment() + "), before the interchange trailer ("
                                    + trailerTag() + "): it was cut short. Please send the whole interchange again.");
                } else if (envelope == null && !secondHeader().isEmpty()) {
                    // a transfer restarted without cleaning up: the first interchange is cut short, not garbled
                    fatal(
                            ErrorCode.EDI_TRUNCATED,
                            at,
                            headerTag(),
                            "The interchange header " + headerTag()
                                    + " cannot be read" + secondHeader()
                                    + ": the first interchange was cut short. Please"
                                    + " send the whole interchange again.");
                } else if (causedBy(e, BufferOverflowException.class)) {
                    fatal(
                            ErrorCode.EDI_SYNTAX,
                            at,
                            null,
                            (at != null && at.getSegmentTag() != null
                                            ? "Element " + Math.max(at.getElementPosition(), 1)
                                                    + (at.getComponentPosition() > 0
                                                            ? ", component " + at.getComponentPosition()
                                                            : "")
                                                    + " of segment " + at.getSegmentTag()
                                            : "An element")
                                    + " is longer than " + String.format(Locale.ROOT, "%,d", MAX_ELEMENT_CHARACTERS)
                                    + " characters, the most the EDI reader takes in one element; no element of"
                                    + " EDIFACT or X12 is that long. Either the file's separators are not the ones it"
                                    + " declares (UNA service string or ISA), so that much of it reads as one element,"
                                    + " or a value was put where it does not belong. Please correct it and send the"
                                    + " interchange again.");
                } else {
                    fatal(
                            ErrorCode.EDI_SYNTAX,
                            at,
                            null,
                            "The EDI text cannot be read "
                                    + (at != null && at.getSegmentTag() != null
                                            ? "after segment " + at.getSegmentTag()
                                            : "from the start of the file")
                                    + ": " + plain(e.getMessage())
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
                case END_SEGMENT -> {
                    endSegment();
                    recordSegmentEnd();
                }
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
            envelope =
                    new EdiEnvelope(standard, null, null, null, null, null, null, null, null, false, null, null, null);
            envelopeFaults = new ArrayList<>();
            messageSummaries = new ArrayList<>();
            messageIndex = 0;
            interchangeOpen = true;
            interchangeStart = lastSegmentEnd;
            interchangeHeader = null;
            firstTag = null;
            interchangeAcknowledgement = false;
        }

        private void startSegment() {
            tag = reader.getText();
            if (firstTag == null) {
                firstTag = tag;
            }
            segmentLine = reader.getLocation().getLineNumber() + lineShift;
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
                unscreenable = true;
                return; // repetitions beyond the first are not used by any corridor message
            }
            if (at.getElementPosition() > MAX_SEGMENT_VALUES || at.getComponentPosition() > MAX_SEGMENT_VALUES) {
                unscreenable = true;
                return; // a fault already, and a hostile file's millions of values would fill the heap
            }
            List<String> element = slot(Math.max(at.getElementPosition(), 1));
            int component = inComposite ? Math.max(at.getComponentPosition(), 1) : 1;
            while (element.size() < component - 1) {
                element.add("");
            }
            element.add(reader.getText());
        }

        private void endSegment() {
            List<List<String>> values = elements.stream()
                    .map(e -> e.isEmpty() ? List.of("") : List.copyOf(e))
                    .toList();
            EdiSegment segment =
                    new EdiSegment(tag, inMessage ? messagePosition(reader.getLocation()) : 0, segmentLine, values);
            lastTag = tag;
            lastLine = segmentLine;
            switch (tag) {
                case "UNB" -> {
                    unb(segment);
                    supportedVersion(segment);
                }
                case "ISA" -> {
                    isa(segment);
                    supportedVersion(segment);
                }
                case "TA1" -> interchangeAcknowledgement |= !inMessage;
                case "UNG" ->
                    envelope = envelope.inGroup(
                            segment.element(1),
                            segment.element(5),
                            join(segment.component(7, 1), segment.component(7, 2)));
                case "GS" -> envelope = envelope.inGroup(segment.element(1), segment.element(6), segment.element(8));
                default -> {}
            }
            if (inMessage) {
                if (segments.size() < MAX_MESSAGE_SEGMENTS) {
                    segments.add(segment);
                    if (segments.size() == 1) {
                        messageHeader(segment);
                    }
                } else if (!messageTooLong) {
                    // the rest is still read, for its trailer, but not kept: a message is held whole to be mapped
                    messageTooLong = true;
                    messageFaults.add(new EdiFault(
                            ErrorCode.EDI_SEGMENT_UNEXPECTED,
                            tag,
                            segment.position(),
                            segmentLine,
                            null,
                            null,
                            null,
                            "35",
                            "5",
                            "The message has more than " + MAX_MESSAGE_SEGMENTS + " segments (segment " + tag
                                    + " on line " + segmentLine + " is the first beyond); Corridor reads at most "
                                    + MAX_MESSAGE_SEGMENTS + " per message. Send it as several messages."));
                }
            }
        }

        private void unb(EdiSegment unb) {
            String syntaxId = unb.component(1, 1);
            envelope = new EdiEnvelope(
                    standard,
                    join(syntaxId, ":", unb.component(1, 2)),
                    unb.component(2, 1),
                    unb.component(2, 2),
                    unb.component(3, 1),
                    unb.component(3, 2),
                    unb.element(5),
                    unb.component(4, 1),
                    unb.component(4, 2),
                    "1".equals(unb.element(11)),
                    null,
                    null,
                    null);
            if (syntaxId != null && !EdifactCharsets.supported(syntaxId)) {
                envelopeFaults.add(new EdiFault(
                        ErrorCode.EDI_ENVELOPE,
                        "UNB",
                        reader.getLocation().getSegmentPosition(),
                        unb.line(),
                        1,
                        1,
                        "0001",
                        "12",
                        null,
                        "The syntax identifier \"" + syntaxId
                                + "\" is not one Corridor reads. Use UNOA, UNOB, UNOC, UNOD or UNOW."));
            }
        }

        /**
         * StAEDI reads an interchange's messages only in a syntax version it has control structures for; in any other
         * (a UNB {@code UNOC:-}, an ISA12 {@code 00-01}) every segment after the header comes as loose data, and no
         * message would ever be seen. That is the reason to refuse it, named where it is.
         */
        private void supportedVersion(EdiSegment header) {
            if (reader.getControlSchema() != null) {
                return;
            }
            boolean x12 = "ISA".equals(header.tag());
            String version = x12 ? header.element(12) : header.component(1, 2);
            String quoted = version == null || version.isEmpty() ? "is empty" : "is \"" + version + "\", which is not";
            envelopeFaults.add(new EdiFault(
                    ErrorCode.EDI_ENVELOPE,
                    header.tag(),
                    reader.getLocation().getSegmentPosition(),
                    header.line(),
                    x12 ? 12 : 1,
                    x12 ? null : 2,
                    x12 ? "I11" : "0002",
                    "2",
                    null,
                    x12
                            ? "ISA12 (data element I11, interchange control version number) " + quoted
                                    + (quoted.startsWith("is \"") ? " an X12 version Corridor reads" : "")
                                    + ", so none of the interchange's messages can be read. Use a version such as 00401 or"
                                    + " 00501."
                            : "UNB01-2 (S001 data element 0002, syntax version number) " + quoted
                                    + (quoted.startsWith("is \"") ? " a syntax version Corridor reads" : "")
                                    + ", so none of the interchange's messages can be read. Use 1, 2, 3 or 4 (for example"
                                    + " UNOC:3)."));
        }

        private void isa(EdiSegment isa) {
            envelope = new EdiEnvelope(
                    standard,
                    trim(isa.element(12)),
                    trim(isa.element(6)),
                    trim(isa.element(5)),
                    trim(isa.element(8)),
                    trim(isa.element(7)),
                    trim(isa.element(13)),
                    isa.element(9),
                    isa.element(10),
                    "T".equals(isa.element(15)),
                    null,
                    null,
                    null);
        }

        private void startMessage() {
            inMessage = true;
            headerPosition = -1;
            messageIndex++;
            messageType = null;
            messageVersion = null;
            segments = new ArrayList<>();
            messageFaults = new ArrayList<>();
            messageTooLong = false;
            messageStart = lastSegmentEnd;
            screen = null;
            unscreenable = false;
            if (replayHeaderLine > 0) {
                lineShift = replayHeaderLine - reader.getLocation().getLineNumber();
            }
        }

        /**
         * Keeps the interchange's UNA and UNB (the start of any replay) and lets go of the bytes before the next
         * message.
         */
        private void recordSegmentEnd() {
            if (recording == null) {
                return;
            }
            lastSegmentEnd = reader.getLocation().getCharacterOffset();
            if (lastSegmentEnd < 0) {
                // StAEDI's offsets are ints: past 2 GB they wrap, and nothing more is screened or kept
                recording.forgetAll();
                return;
            }
            if (inMessage || "UNA".equals(tag)) {
                return;
            }
            try {
                // a replay starts with the interchange's own UNA (or the first one's defaults): what StAEDI read with
                if ("UNB".equals(tag)
                        && (interchangeStart == 0 || "UNA".equals(firstTag))
                        && recording.holds(interchangeStart)
                        && recording.asciiBefore(lastSegmentEnd)) {
                    interchangeHeader = recording.bytes(interchangeStart, lastSegmentEnd);
                }
                recording.keepFrom(lastSegmentEnd);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The screen for this message when it can be read without its schema and, if need be, read again alone: an
         * EDIFACT message outside a group (a replay starts with the interchange's own UNA and UNB), every byte before
         * it ASCII (so StAEDI's character offsets are byte offsets), a schema the screen can decide.
         */
        private EdiScreen screenFor(Schema schema) {
            if (recording == null
                    || !EdiEnvelope.EDIFACT.equals(standard)
                    || envelope.groupId() != null
                    || interchangeHeader == null
                    || !recording.holds(messageStart)
                    || !recording.asciiBefore(messageStart)) {
                return null;
            }
            Character mark = reader.getDelimiters().get(EDIStreamConstants.Delimiters.DECIMAL);
            if (mark == null) {
                return null;
            }
            decimalMark = mark;
            return schemas.screen(schema).orElse(null);
        }

        /**
         * A message read without its schema: clean for certain, or read again alone with its schema, whose faults
         * (StAEDI's, at the lines of the file) replace this pass's.
         */
        private void verifyScreened() {
            screenedMessages.increment();
            String shape = EdiScreen.shape(segments);
            if (messageFaults.isEmpty()
                    && !messageTooLong
                    && !unscreenable
                    && screen.clean(segments, shape, decimalMark)) {
                return;
            }
            replayedMessages.increment();
            Pass pass = replay();
            List<EdiFault> faults = pass.messageFaults == null ? List.of() : pass.messageFaults;
            messageFaults.clear();
            messageFaults.addAll(faults);
            if (faults.isEmpty()) {
                screen.learn(shape);
            }
        }

        private Pass replay() {
            try (InputStream again = new SequenceInputStream(
                            new ByteArrayInputStream(interchangeHeader), recording.from(messageStart));
                    EDIStreamReader replayReader = factory.createEDIStreamReader(again)) {
                Pass pass = new Pass(
                        replayReader,
                        m -> {},
                        new ArrayList<>(),
                        standard,
                        head,
                        null,
                        segments.get(0).line());
                pass.run();
                if (pass.messageFaults == null) {
                    pass.messageFaults = new ArrayList<>();
                }
                return pass;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
                screen = screenFor(schema);
                if (screen == null) {
                    reader.setTransactionSchema(schema);
                }
            }
        }

        private void endMessage() {
            if (screen != null) {
                verifyScreened();
            }
            if (replayHeaderLine > 0) {
                stopped = true;
            }
            String ref = messageRef();
            EdiMessage message =
                    new EdiMessage(envelope, messageType, messageVersion, ref, messageIndex, segments, messageFaults);
            messageSummaries.add(new MessageSummary(
                    messageType,
                    messageVersion,
                    ref,
                    envelope.groupId(),
                    envelope.groupRef(),
                    messageIndex,
                    messageFaults));
            inMessage = false;
            sink.accept(message);
        }

        /** An interchange without any message would deliver nothing while looking accepted: it is refused. */
        private void endInterchange() {
            if (messageSummaries.isEmpty() && envelopeFaults.isEmpty()) {
                boolean x12 = EdiEnvelope.X12.equals(standard);
                Location at = reader.getLocation();
                envelopeFaults.add(new EdiFault(
                        ErrorCode.EDI_SEGMENT_MISSING,
                        x12 ? "ST" : "UNH",
                        at.getSegmentPosition() > 0 ? at.getSegmentPosition() : null,
                        lastLine > 0 ? lastLine : null,
                        null,
                        null,
                        null,
                        "13",
                        "3",
                        (envelope.controlRef() != null ? "Interchange " + envelope.controlRef() : "The interchange")
                                + " holds no message"
                                + (interchangeAcknowledgement
                                        ? ", only an interchange acknowledgement (TA1), which Corridor"
                                                + " does not read"
                                        : ": there is no " + (x12 ? "ST" : "UNH") + " segment between "
                                                + (x12 ? "ISA and IEA" : "UNB and UNZ"))
                                + ". Send the documents in messages"
                                + (x12 ? " (ST to SE, inside a GS group)" : " (UNH to UNT)") + "."));
            }
            summaries.add(new InterchangeSummary(
                    envelope, List.copyOf(envelopeFaults), List.copyOf(messageSummaries), interchangeAcknowledgement));
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
            if ((inMessage ? messageFaults : envelopeFaults) != null
                    && (inMessage ? messageFaults : envelopeFaults).size() >= MAX_FAULTS) {
                return; // the message is refused already; a hostile file's millions of faults are not kept
            }
            EDIStreamValidationError type = reader.getErrorType();
            Location at = reader.getLocation();
            if (type == EDIStreamValidationError.INVALID_CODE_VALUE
                    && ENVELOPE_CODES.contains(reader.getReferenceCode())) {
                // the syntax identifier is checked against the character sets Corridor reads (UNOW included) in
                // unb(); a message type outside StAEDI's list is reported by the parser as one Corridor does not read
                return;
            }
            if (type == EDIStreamValidationError.INVALID_CODE_VALUE
                    && "54".equals(reader.getReferenceCode())
                    && "3".equals(text())) {
                // CONTRL:D:3 is the syntax 4 service message version; StAEDI's syntax 4 list of releases lacks "3"
                return;
            }
            boolean element = event != EDIStreamEvent.SEGMENT_ERROR;
            if (!element
                    && !inMessage
                    && messageSummaries != null
                    && messageSummaries.isEmpty()
                    && (type == EDIStreamValidationError.MANDATORY_SEGMENT_MISSING
                            || type == EDIStreamValidationError.CONDITIONAL_REQUIRED_SEGMENT_MISSING)
                    && MESSAGE_OR_GROUP.contains(reader.getReferenceCode())) {
                // an interchange without any message: one reason, the missing message, is given when it ends
                return;
            }
            String segmentTag = at.getSegmentTag();
            String ref = reader.getReferenceCode();
            String text = text();
            String value = element ? text : null;
            if (!element && type == EDIStreamValidationError.MANDATORY_SEGMENT_MISSING
                    || !element && type == EDIStreamValidationError.IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE
                    || !element && type == EDIStreamValidationError.CONDITIONAL_REQUIRED_SEGMENT_MISSING) {
                segmentTag = ref; // StAEDI reports a missing segment at the one where it noticed; name the missing one
            } else if (!element && text != null) {
                segmentTag = text;
            }
            Integer position = inMessage ? messagePosition(at) : at.getSegmentPosition();
            Integer elementPos = element && at.getElementPosition() > 0 ? at.getElementPosition() : null;
            Integer component = element && at.getComponentPosition() > 0 ? at.getComponentPosition() : null;
            EdiFault fault = EdiErrors.fault(
                    type,
                    segmentTag,
                    at.getSegmentTag(),
                    position,
                    at.getLineNumber() > 0 ? at.getLineNumber() + lineShift : at.getLineNumber(),
                    elementPos,
                    component,
                    element ? ref : null,
                    value,
                    element ? facts() : EdiErrors.ElementFacts.NONE);
            if (inMessage) {
                messageFaults.add(fault);
            } else if (envelopeFaults != null) {
                envelopeFaults.add(fault);
            }
        }

        private EdiErrors.ElementFacts facts() {
            EDIReference ref = reader.getSchemaTypeReference();
            if (ref != null && ref.getReferencedType() instanceof EDISimpleType type) {
                return new EdiErrors.ElementFacts(
                        ref.getTitle(),
                        type.getMinLength() > 0 ? type.getMinLength() : null,
                        type.getMaxLength() > 0 ? type.getMaxLength() : null,
                        type.getValueSet());
            }
            return EdiErrors.ElementFacts.NONE;
        }

        /** A fault after which nothing more can be read; {@code segment} names it when StAEDI's location cannot. */
        private void fatal(ErrorCode code, Location at, String segment, String text) {
            if (inMessage && screen != null && recording.holds(messageStart)) {
                // the faults StAEDI's schema finds before the unreadable place; that place is told from this pass
                replayedMessages.increment();
                Pass pass = replay();
                messageFaults.clear();
                pass.messageFaults.stream().filter(f -> f != pass.fatalFault).forEach(messageFaults::add);
                screen = null;
            }
            Integer line = at != null && at.getLineNumber() > 0 ? at.getLineNumber() + lineShift : null;
            String segmentTag = segment != null ? segment : at != null ? at.getSegmentTag() : null;
            Integer position = at != null && at.getSegmentPosition() > 0
                    ? (inMessage ? messagePosition(at) : at.getSegmentPosition())
                    : null;
            EdiFault fault = new EdiFault(
                    code,
                    segmentTag,
                    position,
                    line,
                    null,
                    null,
                    null,
                    code == ErrorCode.EDI_TRUNCATED ? "18" : "21",
                    null,
                    text);
            if (inMessage) {
                messageFaults.add(fault);
                messageSummaries.add(new MessageSummary(
                        messageType,
                        messageVersion,
                        messageRef(),
                        envelope.groupId(),
                        envelope.groupRef(),
                        messageIndex,
                        messageFaults));
                inMessage = false;
            }
            if (envelope == null) {
                envelope = new EdiEnvelope(
                        standard, null, null, null, null, null, null, null, null, false, null, null, null);
                envelopeFaults = new ArrayList<>();
                messageSummaries = new ArrayList<>();
            }
            envelopeFaults.add(fault);
            fatalFault = fault;
            summaries.add(new InterchangeSummary(
                    envelope, List.copyOf(envelopeFaults), List.copyOf(messageSummaries), interchangeAcknowledgement));
            interchangeOpen = false;
        }

        private String trailerTag() {
            return EdiEnvelope.X12.equals(standard) ? "IEA" : "UNZ";
        }

        private String headerTag() {
            return EdiEnvelope.X12.equals(standard) ? "ISA" : "UNB";
        }

        /**
         * Where a second header starts inside the first, which shows the first was cut short (or ""): for X12 within
         * the 106 characters an ISA has.
         */
        private String secondHeader() {
            int first = head.indexOf(headerTag());
            int second = first < 0 ? -1 : head.indexOf(headerTag(), first + 1);
            if (second < 0 || EdiEnvelope.X12.equals(standard) && second >= first + ISA_LENGTH) {
                return "";
            }
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < second; i++) {
                if (head.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return " (a second " + headerTag() + " starts at line " + line + ", column " + (second - lineStart + 1)
                    + ", before the first one is complete)";
        }

        /** The last segment read whole, for a fault in one that could not be read. */
        private String lastSegment() {
            return lastTag == null ? "the start of the file" : "segment " + lastTag + " on line " + lastLine;
        }

        /**
         * The text of the current event, or null. StAEDI's {@code hasText()} can be true for an error event whose text
         * it does not hold (its {@code getText()} then fails inside StAEDI): such an error simply quotes no value.
         */
        private String text() {
            try {
                return reader.hasText() ? reader.getText() : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * The bytes StAEDI reads, kept from the start of the current message (and of the interchange header) so a message
     * can be read again alone; in memory up to {@link #MAX_RECORDED_BYTES}, then in a temporary file (a hostile
     * message of many megabytes). Notes where the first non-ASCII byte is, after which character offsets are no longer
     * byte offsets.
     */
    private static final class Recording extends FilterInputStream {
        private byte[] buffer = new byte[1 << 16];
        private long base;
        private int count;
        private long firstNonAscii = Long.MAX_VALUE;
        private Path spill;
        private OutputStream spillOut;
        private long spilled;

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                append(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                append(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes still count: offsets are positions in the stream
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                dropSpill();
            }
        }

        private void append(byte[] b, int off, int n) throws IOException {
            long at = base + count + spilled;
            for (int i = 0; i < n && firstNonAscii == Long.MAX_VALUE; i++) {
                if (b[off + i] < 0) {
                    firstNonAscii = at + i;
                }
            }
            if (spill == null && (long) count + n > MAX_RECORDED_BYTES) {
                spill = Files.createTempFile("corridor-edi-", ".spill");
                spillOut = new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16);
                spillOut.write(buffer, 0, count);
                spilled = count;
                count = 0;
                buffer = new byte[1 << 16];
            }
            if (spill != null) {
                spillOut.write(b, off, n);
                spilled += n;
                return;
            }
            if (count + n > buffer.length) {
                buffer = Arrays.copyOf(
                        buffer, (int) Math.min(Math.max(buffer.length * 2L, count + n), Integer.MAX_VALUE - 8));
            }
            System.arraycopy(b, off, buffer, count, n);
            count += n;
        }

        /** Forgets everything read so far. */
        void forgetAll() {
            try {
                keepFrom(Long.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Forgets what comes before {@code offset}. */
        void keepFrom(long offset) throws IOException {
            if (spill != null) {
                // a spilled message is over: what follows it is still in the file, read back into memory
                long end = base + spilled;
                byte[] rest = new byte[0];
                if (offset < end) {
                    try (InputStream tail = from(offset)) {
                        rest = tail.readAllBytes();
                    }
                } else {
                    offset = end;
                }
                dropSpill();
                base = offset;
                buffer = Arrays.copyOf(rest, Math.max(rest.length, 1 << 16));
                count = rest.length;
                return;
            }
            int drop = (int) Math.min(Math.max(offset - base, 0), count);
            System.arraycopy(buffer, drop, buffer, 0, count - drop);
            count -= drop;
            base += drop;
        }

        private void dropSpill() throws IOException {
            if (spill != null) {
                spillOut.close();
                Files.deleteIfExists(spill);
                spill = null;
                spillOut = null;
                spilled = 0;
            }
        }

        /** Whether the bytes from {@code offset} on are all kept. */
        boolean holds(long offset) {
            return offset >= base;
        }

        boolean asciiBefore(long offset) {
            return firstNonAscii >= offset;
        }

        byte[] bytes(long from, long to) throws IOException {
            try (InputStream kept = from(from)) {
                return kept.readNBytes((int) (to - from));
            }
        }

        /** The kept bytes from {@code offset} to what StAEDI has read so far. */
        InputStream from(long offset) throws IOException {
            if (spill == null) {
                return new ByteArrayInputStream(buffer, (int) (offset - base), (int) (base + count - offset));
            }
            spillOut.flush();
            InputStream file = new BufferedInputStream(Files.newInputStream(spill), 1 << 16);
            file.skipNBytes(offset - base);
            return file;
        }
    }

    /** Whether {@code e} or one of its causes is a {@code type}. */
    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
