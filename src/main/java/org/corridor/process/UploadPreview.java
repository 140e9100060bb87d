package org.corridor.process;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.parse.DocumentReader;
import org.corridor.parse.json.CanonicalJsonParser;
import org.corridor.parse.xml.BillOfLadingXmlParser;
import org.corridor.problem.RejectedException;

/**
 * What a received file claims before it is parsed: the document kinds it holds (from the message type detection
 * found, each EDI message's type, or the {@code kind} of each canonical JSON document) and, for EDI, the envelope of
 * each interchange (its sender). Enough to refuse what a partner may not send while it waits for the answer, without
 * parsing the whole file: EDI is read by StAEDI one message at a time, canonical JSON with Jackson's streaming
 * reader, anything else only by its head. A file too broken to say is left to processing, which says why.
 *
 * @param kinds     the kinds of the documents in the file (acknowledgements included)
 * @param envelopes each EDI interchange's envelope, in file order; empty for other formats
 */
public record UploadPreview(Set<DocumentKind> kinds, List<EdiEnvelope> envelopes) {

    /** The kind of each message type Corridor reads (its mapper's), by standard and type. */
    static final Map<String, DocumentKind> EDI_KINDS = Map.ofEntries(
            Map.entry("EDIFACT:QALITY", DocumentKind.ASSAY_CERTIFICATE),
            Map.entry("EDIFACT:CUSDEC", DocumentKind.CUSTOMS_DECLARATION),
            Map.entry("EDIFACT:CUSRES", DocumentKind.CUSTOMS_RESPONSE),
            Map.entry("EDIFACT:IFTMIN", DocumentKind.SHIPPING_INSTRUCTION),
            Map.entry("EDIFACT:IFTSTA", DocumentKind.TRANSPORT_EVENT),
            Map.entry("EDIFACT:INVOIC", DocumentKind.INVOICE),
            Map.entry("EDIFACT:CONTRL", DocumentKind.ACKNOWLEDGEMENT),
            Map.entry("X12:863", DocumentKind.ASSAY_CERTIFICATE),
            Map.entry("X12:310", DocumentKind.BILL_OF_LADING),
            Map.entry("X12:315", DocumentKind.TRANSPORT_EVENT),
            Map.entry("X12:810", DocumentKind.INVOICE),
            Map.entry("X12:997", DocumentKind.ACKNOWLEDGEMENT),
            Map.entry("X12:999", DocumentKind.ACKNOWLEDGEMENT));

    /** The kind of the other messages detection recognises, by message type. */
    static final Map<String, DocumentKind> MESSAGE_KINDS = Map.of(
            Detection.LAB_CSV, DocumentKind.ASSAY_CERTIFICATE,
            Detection.PACKING_LIST, DocumentKind.PACKING_LIST,
            Detection.PACKING_LIST_CSV, DocumentKind.PACKING_LIST,
            Detection.PSW_SD, DocumentKind.CUSTOMS_DECLARATION,
            Detection.PSW_STATUS, DocumentKind.CUSTOMS_RESPONSE,
            BillOfLadingXmlParser.MESSAGE_TYPE, DocumentKind.BILL_OF_LADING);

    private static final int HEAD_BYTES = 64 * 1024;

    /** Previews the file; nothing is known (no kinds, no envelopes) of a file detection cannot place. */
    public static UploadPreview of(Path file, DocumentReader reader, EdiInterchangeReader edi) {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEAD_BYTES);
            }
            Detection detection;
            try {
                detection = reader.detect(head);
            } catch (RejectedException e) {
                return new UploadPreview(Set.of(), List.of()); // empty or blank: processing says so
            }
            if (Detection.EDIFACT.equals(detection.format()) || Detection.X12.equals(detection.format())) {
                return edi(file, edi);
            }
            if (CanonicalJsonParser.MESSAGE_TYPE.equals(detection.messageType())) {
                return canonical(file);
            }
            DocumentKind kind = detection.messageType() == null ? null : MESSAGE_KINDS.get(detection.messageType());
            return new UploadPreview(kind == null ? Set.of() : Set.of(kind), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload " + file, e);
        }
    }

    private static UploadPreview edi(Path file, EdiInterchangeReader edi) throws IOException {
        Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
        List<EdiEnvelope> envelopes = new ArrayList<>();
        List<EdiInterchangeReader.InterchangeSummary> interchanges;
        try (InputStream in = Files.newInputStream(file)) {
            // messages are not kept, only what their summaries say
            interchanges = edi.read(in, message -> {});
        } catch (RuntimeException e) {
            // EDI the reader cannot get through: processing fails on it too, so nothing of it is ever delivered
            return new UploadPreview(Set.of(), List.of());
        }
        for (EdiInterchangeReader.InterchangeSummary interchange : interchanges) {
            envelopes.add(interchange.envelope());
            for (EdiInterchangeReader.MessageSummary m : interchange.messages()) {
                DocumentKind kind = EDI_KINDS.get(interchange.envelope().standard() + ":" + m.messageType());
                if (kind != null) {
                    kinds.add(kind);
                }
            }
        }
        return new UploadPreview(kinds, envelopes);
    }

    /**
     * One canonical document, or an array of them: each one's {@code kind}. (Its {@code source} is not kept: the
     * gateway gives every document its own.)
     */
    private static UploadPreview canonical(Path file) {
        Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
        try (JsonParser json = CanonicalJson.mapper().getFactory().createParser(file.toFile())) {
            JsonToken first = json.nextToken();
            if (first == JsonToken.START_OBJECT) {
                document(json, kinds);
            } else if (first == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    document(json, kinds);
                }
            }
        } catch (IOException | RuntimeException e) {
            // malformed (or absurdly nested) JSON: what was read so far stands, processing refuses the rest
        }
        return new UploadPreview(kinds, List.of());
    }

    private static void document(JsonParser json, Set<DocumentKind> kinds) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("kind".equals(field) && value == JsonToken.VALUE_STRING) {
                kindNamed(json.getText()).ifPresent(kinds::add);
            } else {
                json.skipChildren();
            }
        }
    }

    private static Optional<DocumentKind> kindNamed(String name) {
        for (DocumentKind k : DocumentKind.values()) {
            if (k.name().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
