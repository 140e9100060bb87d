package org.corridor.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.Source;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Detect, then parse: turns the bytes of one received file into its canonical documents. The same code serves the
 * gateway's routes and the {@code convert} command, so both always agree.
 */
public final class DocumentReader {

    /** The largest file of a format read whole (not EDI, which is streamed): 64 MB. */
    public static final long MAX_WHOLE_BYTES = 64L * 1024 * 1024;

    /**
     * Refuses a file of {@code size} bytes that would be read whole (any format but EDI, which is streamed) when it is
     * larger than {@link #MAX_WHOLE_BYTES}: a file of a gigabyte would take the heap the other documents need (or more
     * than a Java array holds). Checked before a byte of it is read.
     */
    public static void checkReadWhole(long size, Detection detection) {
        if (size > MAX_WHOLE_BYTES) {
            throw new RejectedException(
                    ErrorCode.FILE_TOO_LARGE,
                    Location.NONE,
                    "The file has " + size + " bytes; Corridor reads a " + detection.format()
                            + " file whole and takes at most " + MAX_WHOLE_BYTES + " bytes (64 MB) of it. Send the"
                            + " documents in smaller files.");
        }
    }

    private final ContentDetector detector;
    private final List<DocumentParser> parsers;

    public DocumentReader(ContentDetector detector, List<DocumentParser> parsers) {
        this.detector = detector;
        this.parsers = List.copyOf(parsers);
    }

    public Detection detect(byte[] content) {
        if (content.length == 0) {
            throw new RejectedException(
                    ErrorCode.EMPTY_FILE,
                    Location.NONE,
                    "The file is empty (0 bytes). Nothing was received; please send the document again.");
        }
        if (ContentDetector.stripBom(content).length == 0
                || new String(ContentDetector.stripBom(content), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new RejectedException(
                    ErrorCode.EMPTY_FILE,
                    Location.NONE,
                    "The file holds no text (only blank lines or a byte order mark). Please send the document"
                            + " again.");
        }
        Detection format = detector.detect(content);
        String head = ContentDetector.head(content);
        for (DocumentParser parser : parsers) {
            Optional<Detection> recognised = parser.recognise(format, head);
            if (recognised.isPresent()) {
                return recognised.get();
            }
        }
        return format;
    }

    /**
     * The canonical documents in the content. Document ids are {@code idBase} for a file holding one message, and
     * {@code idBase-1}, {@code idBase-2}, ... for a file holding several.
     */
    public List<CanonicalDocument> read(byte[] content, String fileName, String sha256, String idBase) {
        return read(content, detect(content), fileName, sha256, idBase);
    }

    /** The same, for a caller that has already detected the content (and recorded what it found). */
    public List<CanonicalDocument> read(
            byte[] content, Detection detection, String fileName, String sha256, String idBase) {
        return read(content, detection, fileName, sha256, idBase, fact -> {});
    }

    /** The same, handing the parser's facts about the file (see {@link DocumentParser#parse(byte[], Detection,
     * Consumer)}) to {@code facts}. */
    public List<CanonicalDocument> read(
            byte[] content,
            Detection detection,
            String fileName,
            String sha256,
            String idBase,
            Consumer<Object> facts) {
        DocumentParser parser = parsers.stream()
                .filter(p -> p.accepts(detection))
                .findFirst()
                .orElseThrow(() -> unsupported(detection));
        List<ParsedMessage> messages = parser.parse(content, detection, facts);
        if (messages.isEmpty()) {
            throw nothingRead(detection);
        }
        List<CanonicalDocument> documents = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ParsedMessage m = messages.get(i);
            String id = messages.size() == 1 ? idBase : idBase + "-" + (i + 1);
            Source source = new Source(
                    detection.format(),
                    m.messageType() != null ? m.messageType() : detection.messageType(),
                    m.version() != null ? m.version() : parser.version(detection),
                    m.sender(),
                    m.receiver(),
                    m.interchangeRef(),
                    m.messageRef(),
                    fileName,
                    sha256);
            documents.add(CanonicalDocument.of(id, source, m.kind(), m.body()).withShipmentRef(m.shipmentRef()));
        }
        return documents;
    }

    /**
     * Streams a file's documents to {@code sink} one by one where its parser can (EDI); other formats are read whole.
     * Ids follow the same rule as {@link #read}: the sink sees each document once its id is certain (one document of
     * look-ahead).
     */
    public void stream(
            Path file,
            Detection detection,
            String fileName,
            String sha256,
            String idBase,
            Consumer<CanonicalDocument> sink)
            throws IOException {
        stream(file, detection, fileName, sha256, idBase, sink, fact -> {});
    }

    /** The same, handing the parser's facts about the file to {@code facts}. */
    public void stream(
            Path file,
            Detection detection,
            String fileName,
            String sha256,
            String idBase,
            Consumer<CanonicalDocument> sink,
            Consumer<Object> facts)
            throws IOException {
        DocumentParser parser = parsers.stream()
                .filter(p -> p.accepts(detection))
                .findFirst()
                .orElseThrow(() -> unsupported(detection));
        if (!(parser instanceof StreamingDocumentParser streaming)) {
            checkReadWhole(Files.size(file), detection);
            read(Files.readAllBytes(file), detection, fileName, sha256, idBase, facts)
                    .forEach(sink);
            return;
        }
        ParsedMessage[] held = new ParsedMessage[1];
        int[] count = {0};
        try (InputStream in = Files.newInputStream(file)) {
            streaming.parse(
                    in,
                    detection,
                    m -> {
                        count[0]++;
                        if (count[0] == 2) {
                            sink.accept(document(held[0], detection, parser, fileName, sha256, idBase + "-1"));
                        }
                        if (count[0] >= 2) {
                            sink.accept(document(m, detection, parser, fileName, sha256, idBase + "-" + count[0]));
                        } else {
                            held[0] = m;
                        }
                    },
                    facts);
        }
        if (count[0] == 0) {
            throw nothingRead(detection);
        }
        if (count[0] == 1) {
            sink.accept(document(held[0], detection, parser, fileName, sha256, idBase));
        }
    }

    /**
     * A file that gives no document would be taken and then deliver nothing: every file ends delivered or refused
     * with a reason, so this is a refusal (parsers normally say more precisely why first).
     */
    private static RejectedException nothingRead(Detection detection) {
        return new RejectedException(
                ErrorCode.NO_DOCUMENT,
                Location.line(1),
                "The file was read as "
                        + detection.format() + (detection.messageType() != null ? " " + detection.messageType() : "")
                        + ", but it holds no document: there is nothing Corridor could deliver. Check that the right file"
                        + " was sent.");
    }

    private static CanonicalDocument document(
            ParsedMessage m, Detection detection, DocumentParser parser, String fileName, String sha256, String id) {
        Source source = new Source(
                detection.format(),
                m.messageType() != null ? m.messageType() : detection.messageType(),
                m.version() != null ? m.version() : parser.version(detection),
                m.sender(),
                m.receiver(),
                m.interchangeRef(),
                m.messageRef(),
                fileName,
                sha256);
        return CanonicalDocument.of(id, source, m.kind(), m.body()).withShipmentRef(m.shipmentRef());
    }

    private static RejectedException unsupported(Detection detection) {
        if (Detection.UNKNOWN.equals(detection.format())) {
            return new RejectedException(
                    ErrorCode.UNKNOWN_FORMAT,
                    Location.line(1),
                    "Corridor could not recognise this file. It is not EDIFACT (UNA/UNB), X12 (ISA), JSON, XML or a"
                            + " CSV with a known header line.");
        }
        if (Detection.CSV.equals(detection.format()) && detection.messageType() == null) {
            return new RejectedException(
                    ErrorCode.CSV_HEADER,
                    Location.line(1),
                    "This CSV file's header line matches no layout Corridor knows. A lab assay certificate starts"
                            + " with the column \"certificate_no\", a packing list with \"packing_list_no\".");
        }
        return new RejectedException(
                ErrorCode.UNSUPPORTED_MESSAGE,
                Location.line(1),
                "This looks like " + detection.format() + ", but Corridor does not read "
                        + (detection.messageType() == null ? "this message type" : detection.messageType())
                        + " yet.");
    }
}
