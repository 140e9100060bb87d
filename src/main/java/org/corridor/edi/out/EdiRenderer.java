package org.corridor.edi.out;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.edi.EdiEnvelope;
import org.corridor.render.Renderer;

/**
 * EDIFACT or X12 for the command line ({@code convert --to edifact|x12}): one interchange from {@code CORRIDOR} to
 * the document's original sender (or {@code PARTNER}), control reference 1, default delimiters. The gateway writes
 * EDI through {@link EdiOutbound} instead, with each partner's id and numbers from the database.
 */
public final class EdiRenderer implements Renderer {

    private final String standard;
    private final EdiDocumentWriter writer = EdiDocumentWriter.standard();

    public EdiRenderer(String standard) {
        this.standard = standard;
    }

    @Override
    public String format() {
        return standard;
    }

    @Override
    public byte[] render(CanonicalDocument document) {
        boolean x12 = EdiEnvelope.X12.equals(standard);
        String receiver = document.source() != null && document.source().sender() != null
                ? document.source().sender() : "PARTNER";
        EdiWriter.Parties parties = new EdiWriter.Parties("CORRIDOR", x12 ? "ZZ" : "ZZZ", receiver,
                x12 ? "ZZ" : "ZZZ");
        return writer.write(document, standard, parties, x12 ? EdiSyntax.x12() : EdiSyntax.edifact(), "1",
                LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0));
    }

    @Override
    public String extension() {
        return EdiEnvelope.X12.equals(standard) ? "x12" : "edi";
    }

    @Override
    public String contentType() {
        return EdiEnvelope.X12.equals(standard) ? "application/edi-x12" : "application/edifact";
    }
}
