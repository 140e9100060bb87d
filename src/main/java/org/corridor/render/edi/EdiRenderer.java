package org.corridor.render.edi;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdiWriter;
import org.corridor.render.Renderer;

/**
 * EDIFACT or X12 for the command line ({@code convert --to edifact|x12}): one interchange from {@code CORRIDOR},
 * control reference 1, default delimiters, addressed like the gateway addresses it ({@link EdiOutbound}): to the EDI
 * id of the partner it is for. That partner is the one given ({@code --partner}), else the first recipient the
 * document's agreement names for its kind (in this standard if it names one, else in any format: a bill of lading
 * goes to the buyer), else the receiver the document itself names, else {@code PARTNER} — never the document's own
 * sender. The gateway writes EDI through {@link EdiOutbound} instead, with each partner's numbers from the database.
 */
public final class EdiRenderer implements Renderer {

    private static final String UNKNOWN_RECEIVER = "PARTNER";

    private final OutputFormat format;
    private final String standard;
    private final AgreementCatalog agreements;
    private final String partner;
    private final EdiDocumentWriter writer;

    /** The renderer for {@code format}, {@link OutputFormat#EDIFACT} or {@link OutputFormat#X12}. */
    public EdiRenderer(OutputFormat format, ReferenceData reference) {
        this(format, EdiDocumentWriter.standard(reference), null, null);
    }

    private EdiRenderer(OutputFormat format, EdiDocumentWriter writer, AgreementCatalog agreements, String partner) {
        if (!format.isEdi()) {
            throw new IllegalArgumentException(format + " is not an EDI standard");
        }
        this.format = format;
        this.writer = writer;
        this.standard = format.name();
        this.agreements = agreements;
        this.partner = partner;
    }

    /** The same renderer, addressing to {@code partner} (an agreement party id; null: the document's recipient). */
    public EdiRenderer addressedWith(AgreementCatalog catalog, String partnerId) {
        return new EdiRenderer(format, writer, catalog, partnerId);
    }

    @Override
    public OutputFormat format() {
        return format;
    }

    @Override
    public byte[] render(CanonicalDocument document) {
        boolean x12 = EdiEnvelope.X12.equals(standard);
        EdiWriter.Parties parties =
                new EdiWriter.Parties("CORRIDOR", x12 ? "ZZ" : "ZZZ", receiver(document), x12 ? "ZZ" : "ZZZ");
        return writer.write(
                document,
                standard,
                parties,
                x12 ? EdiSyntax.x12() : EdiSyntax.edifact(),
                "1",
                LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0));
    }

    /** The interchange id of the party the document is for (see the class comment). */
    String receiver(CanonicalDocument document) {
        Optional<String> partyId = Optional.ofNullable(partner).or(() -> recipient(document));
        if (partyId.isPresent()) {
            return agreements == null ? partyId.get() : EdiOutbound.interchangeIdOf(agreements, partyId.get());
        }
        return document.source() != null && document.source().receiver() != null
                ? document.source().receiver()
                : UNKNOWN_RECEIVER;
    }

    private Optional<String> recipient(CanonicalDocument document) {
        if (agreements == null || document.agreementRef() == null) {
            return Optional.empty();
        }
        List<Agreement.Distribution> recipients = agreements
                .find(document.agreementRef())
                .map(a -> a.recipientsOf(document.kind()))
                .orElse(List.of());
        return recipients.stream()
                .filter(r -> r.format() == format)
                .findFirst()
                .or(() -> recipients.stream().findFirst())
                .map(Agreement.Distribution::partner);
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
