package org.corridor.parse.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.StreamingDocumentParser;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;

/**
 * EDIFACT and X12 files: every interchange in the file, every message in each interchange, each mapped by the mapper
 * for its type into its own canonical document. The file is accepted only when every message is: the first fault
 * found is the reason, and every fault is listed (the acknowledgement reports them all). An interchange control
 * reference used twice by the same sender within the file is a duplicate.
 */
public final class EdiDocumentParser implements StreamingDocumentParser {

    private final EdiInterchangeReader reader;
    private final EdiSchemas schemas;
    private final Map<String, EdiMessageMapper> mappers = new HashMap<>();

    public EdiDocumentParser(EdiSchemas schemas, List<EdiMessageMapper> mappers) {
        this.schemas = schemas;
        this.reader = new EdiInterchangeReader(schemas);
        for (EdiMessageMapper mapper : mappers) {
            for (String type : mapper.messageTypes()) {
                this.mappers.put(mapper.standard() + ":" + type, mapper);
            }
        }
    }

    public EdiInterchangeReader reader() {
        return reader;
    }

    /**
     * EDI is recognised by its envelope; the message type and version are those of the first message in the head
     * (a file may hold several types: each document's own type is in its source). A head without a message still
     * belongs here, so a truncated or garbled file gets an EDI reason.
     */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        if (!accepts(format)) {
            return Optional.empty();
        }
        String[] first = firstMessage(head);
        return Optional.of(new Detection(format.format(), first[0], first[1]));
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.EDIFACT.equals(detection.format()) || Detection.X12.equals(detection.format());
    }

    @Override
    public String version(Detection detection) {
        return detection.version();
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        return parse(content, detection, fact -> {});
    }

    /** Hands one {@link EdiReceipt} per interchange to {@code facts}, rejected or not, for its acknowledgement. */
    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection, Consumer<Object> facts) {
        List<ParsedMessage> parsed = new ArrayList<>();
        parse(new ByteArrayInputStream(content), detection, parsed::add, facts);
        return parsed;
    }

    /** The same, message by message, in the memory one message needs. */
    @Override
    public void parse(
            InputStream content, Detection detection, Consumer<ParsedMessage> parsed, Consumer<Object> facts) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Problem>> contentProblems = new HashMap<>();
        int[] documents = {0};
        List<InterchangeSummary> interchanges = reader.read(content, message -> {
            if (!message.valid()) {
                message.faults().forEach(f -> problems.add(f.problem()));
                return;
            }
            EdiMessageMapper mapper = mappers.get(message.envelope().standard() + ":" + message.messageType());
            // only a message its schema has checked is mapped: in a version Corridor has no schema for (a GS08 of
            // 00401h) nothing was validated, and a mapper may not rely on anything
            if (mapper == null
                    || !schemas.knows(message.envelope().standard(), message.version(), message.messageType())) {
                Problem unsupported = unsupported(message);
                problems.add(unsupported);
                contentProblems
                        .computeIfAbsent(
                                message.envelope().controlRef() + "|" + message.messageRef(), k -> new ArrayList<>())
                        .add(unsupported);
                return;
            }
            try {
                for (ParsedMessage body : mapper.map(message)) {
                    EdiEnvelope envelope = message.envelope();
                    documents[0]++;
                    parsed.accept(new ParsedMessage(
                            body.body(),
                            body.kind(),
                            envelope.sender(),
                            envelope.receiver(),
                            envelope.controlRef(),
                            message.messageRef(),
                            message.messageType(),
                            message.version()));
                }
            } catch (RejectedException e) {
                problems.addAll(e.problems());
                contentProblems
                        .computeIfAbsent(
                                message.envelope().controlRef() + "|" + message.messageRef(), k -> new ArrayList<>())
                        .addAll(e.problems());
            }
        });
        Map<String, InterchangeSummary> seen = new HashMap<>();
        for (InterchangeSummary interchange : interchanges) {
            interchange.faults().forEach(f -> problems.add(f.problem()));
            EdiEnvelope envelope = interchange.envelope();
            if (envelope.controlRef() != null) {
                InterchangeSummary earlier =
                        seen.putIfAbsent(envelope.sender() + "|" + envelope.controlRef(), interchange);
                if (earlier != null) {
                    problems.add(new Problem(
                            ErrorCode.EDI_DUPLICATE,
                            new Location(null, null, null, headerTag(envelope), null),
                            "Interchange " + envelope.controlRef() + " from "
                                    + envelope.sender() + " appears twice in this file; the second copy is a duplicate."
                                    + " Send each interchange once, with its own control reference."));
                }
            }
        }
        if (interchanges.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(
                    ErrorCode.EDI_SYNTAX,
                    Location.line(1),
                    "The file holds no complete"
                            + " interchange: it must start with UNA or UNB (EDIFACT) or ISA (X12)."));
        }
        if (problems.isEmpty() && documents[0] == 0) {
            // every message was read and mapped, yet none gave a document: nothing would be delivered
            problems.add(new Problem(
                    ErrorCode.EDI_CONTENT,
                    new Location(null, null, null, headerTag(interchanges.get(0).envelope()), null),
                    "No message in this file gives a document" + " Corridor can deliver."));
        }
        // the acknowledgements are decided once the whole file is: a refused file refuses every interchange in it
        for (InterchangeSummary interchange : interchanges) {
            String prefix = interchange.envelope().controlRef() + "|";
            Map<String, List<Problem>> mine = new HashMap<>();
            contentProblems.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    mine.put(key.substring(prefix.length()), value);
                }
            });
            EdiReceipt own = new EdiReceipt(interchange, mine);
            facts.accept(
                    own.accepted() && !problems.isEmpty()
                            ? new EdiReceipt(interchange, mine, List.of(problems.get(0)))
                            : own);
        }
        if (!problems.isEmpty()) {
            throw new RejectedException(problems);
        }
    }

    private Problem unsupported(EdiMessage message) {
        EdiSegment header = message.segments().get(0);
        return new Problem(
                ErrorCode.UNSUPPORTED_MESSAGE,
                EdiValues.at(header, 2, 0),
                "Message "
                        + message.messageRef() + " is " + message.envelope().standard() + " " + message.messageType()
                        + (message.version() != null ? " " + message.version() : "")
                        + ", which Corridor does not read. "
                        + "Supported: "
                        + String.join(
                                ", ",
                                mappers.keySet().stream()
                                        .sorted()
                                        .map(k -> k.replace(':', ' '))
                                        .toList()) + ".");
    }

    private static String headerTag(EdiEnvelope envelope) {
        return EdiEnvelope.X12.equals(envelope.standard()) ? "ISA" : "UNB";
    }

    /** Type and version of the first message in the head, or nulls; reading stops at the first message. */
    private static String[] firstMessage(String head) {
        byte[] bytes = ContentDetector.stripBom(head).getBytes(StandardCharsets.UTF_8);
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(bytes))) {
            while (reader.hasNext()) {
                if (reader.next() == EDIStreamEvent.START_TRANSACTION) {
                    String[] version = reader.getTransactionVersion();
                    String standard = reader.getStandard();
                    String v = EdiEnvelope.EDIFACT.equals(standard)
                            ? (version != null && version.length > 2 ? version[1] + version[2] : null)
                            : (version != null && version.length > 1 ? version[1] : null);
                    // the head of a broken file can hold anything where the type is: only a plausible one is kept
                    String type = reader.getTransactionType();
                    return new String[] {
                        type != null && type.matches("[A-Z0-9]{1,6}") ? type : null,
                        v != null && v.matches("[A-Za-z0-9]{1,12}") ? v : null
                    };
                }
            }
        } catch (EDIStreamException | IOException | RuntimeException e) {
            // a head cut in the middle, or broken EDI: the full parse reports what is wrong
        }
        return new String[] {null, null};
    }
}
