package org.corridor.render.edi;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdiWriter;
import org.corridor.track.ControlNumbers;
import org.corridor.track.Interchanges;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * EDI for partners whose distribution format is {@code EDIFACT} or {@code X12}: each delivery is its own interchange
 * from Corridor's interchange id to the partner's (the EDI id its agreement party carries), with a control number
 * from the database for that pair, recorded as sent so the partner's CONTRL/997/999 can be matched to it.
 */
@Component
public class EdiOutbound {

    private final ControlNumbers controlNumbers;
    private final Interchanges interchanges;
    private final AgreementCatalog agreements;
    private final Clock clock;
    private final String interchangeId;
    private final String qualifier;
    private final EdiDocumentWriter writer;

    public EdiOutbound(
            ControlNumbers controlNumbers,
            Interchanges interchanges,
            AgreementCatalog agreements,
            Clock clock,
            ReferenceData reference,
            @Value("${corridor.edi.interchange-id:CORRIDOR}") String interchangeId,
            @Value("${corridor.edi.interchange-qualifier:ZZZ}") String qualifier) {
        this.writer = EdiDocumentWriter.standard(reference);
        this.controlNumbers = controlNumbers;
        this.interchanges = interchanges;
        this.agreements = agreements;
        this.clock = clock;
        this.interchangeId = interchangeId;
        this.qualifier = qualifier;
    }

    /** The EDI id a partner's agreement party carries (scheme {@code EDI}), else the partner's id itself. */
    public static String interchangeIdOf(AgreementCatalog agreements, String partnerId) {
        return agreements.all().stream()
                .flatMap(a -> a.parties().stream())
                .filter(p -> p.id().equals(partnerId))
                .flatMap(p -> p.ids().stream())
                .filter(i -> "EDI".equals(i.scheme()))
                .map(i -> i.value())
                .findFirst()
                .orElse(partnerId);
    }

    /** Whether the format is an EDI standard with a writer for the kind. */
    public boolean canWrite(OutputFormat format, DocumentKind kind) {
        return format.isEdi() && writer.writerFor(format.name(), kind).isPresent();
    }

    /** The document as an interchange for the partner; the interchange is recorded as sent. */
    public byte[] render(CanonicalDocument document, OutputFormat format, String partnerId) {
        String standard = format.name();
        boolean x12 = EdiEnvelope.X12.equals(standard);
        String receiver = interchangeIdOf(agreements, partnerId);
        long number = controlNumbers.next(standard, interchangeId, receiver, ControlNumbers.Level.INTERCHANGE);
        String controlRef = String.valueOf(number);
        EdiWriter.Parties parties =
                new EdiWriter.Parties(interchangeId, x12 ? "ZZ" : qualifier, receiver, x12 ? "ZZ" : qualifier);
        byte[] bytes = writer.write(
                document,
                standard,
                parties,
                x12 ? EdiSyntax.x12() : EdiSyntax.edifact(),
                controlRef,
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        interchanges.sent(standard, interchangeId, receiver, controlRef, document.documentId(), partnerId);
        return bytes;
    }
}
