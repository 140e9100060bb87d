package org.corridor.render.edi;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdiWriter;
import org.corridor.render.EdiMessageWriter;

/**
 * A canonical document as one EDI interchange for one partner: the writer for its kind in the partner's standard,
 * the partner's envelope (its interchange id, its delimiters, its syntax version) and a control number the caller
 * took for the pair. One message per interchange, so an acknowledgement names exactly one document.
 */
public final class EdiDocumentWriter {

    private final List<EdiMessageWriter> writers;

    public EdiDocumentWriter(List<EdiMessageWriter> writers) {
        this.writers = List.copyOf(writers);
    }

    /** Every EDI message Corridor writes, with units and codes from {@code reference}. */
    public static EdiDocumentWriter standard(ReferenceData reference) {
        return new EdiDocumentWriter(EdiMessageWriters.all(reference));
    }

    /** The writer for a kind of document in a standard, if Corridor writes it. */
    public Optional<EdiMessageWriter> writerFor(String standard, DocumentKind kind) {
        return writers.stream()
                .filter(w ->
                        w.standard().equalsIgnoreCase(standard) && w.kinds().contains(kind))
                .findFirst();
    }

    /** The message types this build writes, for messages and guides: {@code EDIFACT QALITY, X12 863, ...}. */
    public List<String> supported() {
        return writers.stream().map(w -> w.standard() + " " + w.messageType()).toList();
    }

    public byte[] write(
            CanonicalDocument document,
            String standard,
            EdiWriter.Parties parties,
            EdiSyntax syntax,
            String controlRef,
            LocalDateTime at) {
        EdiMessageWriter writer = writerFor(standard, document.kind())
                .orElseThrow(() -> new IllegalArgumentException("Corridor does not write " + document.kind() + " as "
                        + standard + "; it writes " + String.join(", ", supported())));
        EdiWriter interchange = EdiWriter.open(syntax, parties, controlRef, at, false);
        boolean x12 = EdiEnvelope.X12.equalsIgnoreCase(standard);
        if (x12) {
            // one group per interchange, numbered like it: a 997's AK102 then names the interchange too
            interchange.group(writer.functionalGroup(), String.valueOf(Long.parseLong(controlRef)), writer.version());
        }
        EdiWriter.Message message = interchange.message(writer.messageType(), writer.version(), x12 ? "0001" : "1");
        writer.write(document, message);
        message.end();
        return interchange.finish();
    }
}
