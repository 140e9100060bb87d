package org.corridor.render.edifact;

import java.util.List;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.render.AbstractMessageWriter;

/**
 * CUSTOMS_DECLARATION as EDIFACT D96A CUSDEC (BGM {@code 830}, export), the segments {@code CusdecMapper} reads
 * (docs/mig/edifact-cusdec-d96a.md). Only a letter of credit has a place in CUSDEC ({@code RFF+LC}); another
 * financial instrument is written as its bank alone, as the guide says.
 */
public final class CusdecWriter extends AbstractMessageWriter {

    private final ReferenceData reference;

    /** Units are written as the Rec 20 codes {@code reference} gives them. */
    public CusdecWriter(ReferenceData reference) {
        super(EdiEnvelope.EDIFACT, "CUSDEC", "D96A", null, DocumentKind.CUSTOMS_DECLARATION);
        this.reference = reference;
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message m) {
        CustomsDeclaration d = (CustomsDeclaration) document.body();
        if (d.direction() != null && !"EXPORT".equals(d.direction())) {
            throw new IllegalArgumentException("Declaration " + d.declarationNo() + " is an " + d.direction()
                    + " declaration; Corridor writes CUSDEC for export declarations (BGM 830) only.");
        }
        m.segment("BGM", "830", d.declarationNo(), "9");
        if (d.procedure() != null) {
            m.segment("CST", null, EdifactOut.c(d.procedure(), "", "ZZZ"));
        }
        location(m, "9", d.portOfLoading());
        location(m, "11", d.portOfDischarge());
        if (d.destinationCountry() != null) {
            m.segment("LOC", "28", d.destinationCountry());
        }
        if (d.declarationDate() != null) {
            m.segment("DTM", EdifactOut.dtm("137", d.declarationDate()));
        }
        CustomsDeclaration.FinancialInstrument instrument = d.financialInstrument();
        if (instrument != null && instrument.bank() != null) {
            m.segment("FII", "BF", null, EdifactOut.c(null, null, null, null, null, null, instrument.bank()));
        }
        for (CustomsDeclaration.Container c : d.containers()) {
            m.segment("EQD", "CN", c.containerNo());
        }
        // the n-th SEL seals the n-th EQD: seals are written in container order
        for (CustomsDeclaration.Container c : d.containers()) {
            if (c.sealNo() != null) {
                m.segment("SEL", c.sealNo());
            }
        }
        reference(m, "ABT", d.declarationNo());
        reference(m, "IV", d.invoiceNo());
        if (instrument != null && "LC".equals(instrument.type())) {
            reference(m, "LC", instrument.number());
        }
        party(m, "EX", d.exporter());
        party(m, "CN", d.consignee());
        party(m, "DT", d.declarant());
        if (d.incoterm() != null) {
            m.segment(
                    "TOD",
                    null,
                    null,
                    EdifactOut.c(d.incoterm().rule(), null, null, d.incoterm().version()));
            location(m, "1", d.incoterm().place());
        }
        if (d.totalValue() != null) {
            m.segment(
                    "MOA",
                    EdifactOut.c("39", EdifactOut.number(d.totalValue()), d.currency() == null ? "" : d.currency()));
        }
        m.segment("UNS", "D");
        for (CustomsDeclaration.Line line : d.lines()) {
            m.segment("CST", EdifactOut.number(line.lineNo()), line.hsCode());
            for (List<String> text : EdifactOut.chunks(EdifactOut.wrap(line.description(), 70), 5)) {
                m.segment("FTX", "AAA", null, null, text);
            }
            if (line.originCountry() != null) {
                m.segment("LOC", "27", line.originCountry());
            }
            if (line.grossWeightKg() != null) {
                m.segment("MEA", "WT", "AAB", EdifactOut.c("KGM", EdifactOut.number(line.grossWeightKg())));
            }
            if (line.netWeightKg() != null) {
                m.segment("MEA", "WT", "AAA", EdifactOut.c("KGM", EdifactOut.number(line.netWeightKg())));
            }
            if (line.quantity() != null) {
                m.segment(
                        "MEA",
                        "AAE",
                        EdifactOut.c(null, null, null, line.quantity().basis()),
                        EdifactOut.c(
                                EdifactOut.rec20(
                                        reference, line.quantity().unit(), "line " + line.lineNo() + "'s quantity"),
                                EdifactOut.number(line.quantity().value())));
            }
            if (line.value() != null) {
                m.segment(
                        "MOA",
                        EdifactOut.c("38", EdifactOut.number(line.value()), d.currency() == null ? "" : d.currency()));
            }
        }
        m.segment("UNS", "S");
    }

    private static void location(EdiWriter.Message m, String qualifier, String locode) {
        if (locode != null) {
            m.segment("LOC", qualifier, EdifactOut.c(locode, "", "6"));
        }
    }

    private static void reference(EdiWriter.Message m, String qualifier, String value) {
        if (value != null) {
            m.segment("RFF", EdifactOut.c(qualifier, value));
        }
    }

    /** NAD with name and country, then its tax ids: NTN or EIN as {@code RFF+AHP}, STRN as {@code RFF+VA}. */
    private static void party(EdiWriter.Message m, String function, Party party) {
        if (party == null) {
            return;
        }
        m.segment("NAD", function, null, null, party.name(), null, null, null, null, party.country());
        for (PartyId id : party.ids()) {
            switch (id.scheme()) {
                case "NTN", "EIN" -> m.segment("RFF", EdifactOut.c("AHP", id.value()));
                case "STRN" -> m.segment("RFF", EdifactOut.c("VA", id.value()));
                default -> {}
            }
        }
    }
}
