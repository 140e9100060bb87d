package org.corridor.render.edifact;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.render.AbstractMessageWriter;

/**
 * ASSAY_CERTIFICATE as EDIFACT D96A QALITY, the segments {@code QalityMapper} reads (docs/mig/edifact-qality-d96a.md):
 * one LIN group per run of results of the same lot, sample and role, one CCI group per result, in the order of the
 * certificate, so the certificate reads back equal.
 */
public final class QalityWriter extends AbstractMessageWriter {

    private static final Map<String, String> SIGNIFICANCE = Map.of("<", "7", ">", "6");

    private final ReferenceData reference;

    /** Units are written as the Rec 20 codes {@code reference} gives them. */
    public QalityWriter(ReferenceData reference) {
        super(EdiEnvelope.EDIFACT, "QALITY", "D96A", null, DocumentKind.ASSAY_CERTIFICATE);
        this.reference = reference;
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message m) {
        AssayCertificate c = (AssayCertificate) document.body();
        m.segment("BGM", "1", c.certificateNo(), "9");
        if (c.issueDate() != null) {
            m.segment("DTM", EdifactOut.dtm("137", c.issueDate()));
        } else {
            // DTM is mandatory: without an issue date the certificate says when its tests were completed (119),
            // which the reader does not take for the issue date, so the body stays without one
            LocalDate completed = c.results().stream()
                    .map(AssayResult::analysisDate)
                    .filter(Objects::nonNull)
                    .max(LocalDate::compareTo)
                    .orElseThrow(() -> new IllegalArgumentException("Certificate "
                            + c.certificateNo() + " has neither an issue date nor analysis dates; QALITY needs a"
                            + " date (DTM) to be sent."));
            m.segment("DTM", EdifactOut.dtm("119", completed));
        }
        if (c.commodity() != null) {
            m.segment("IMD", "C", null, EdifactOut.c(c.commodity(), "", "ZZZ"));
        }
        if (c.contractRef() != null) {
            m.segment("RFF", EdifactOut.c("CT", c.contractRef()));
        }
        Party lab = c.lab();
        if (lab != null) {
            // the mapper reads the lab's id and enrichment resolves it to the agreement's party again
            m.segment(
                    "NAD",
                    "MS",
                    EdifactOut.c(labId(lab), "", "ZZZ"),
                    null,
                    lab.name() == null
                            ? null
                            : EdifactOut.wrap(lab.name(), 35)
                                    .subList(
                                            0,
                                            Math.min(
                                                    5,
                                                    EdifactOut.wrap(lab.name(), 35)
                                                            .size())));
        }
        int line = 0;
        AssayResult previous = null;
        for (AssayResult r : c.results()) {
            if (previous == null || !sameSample(previous, r)) {
                line++;
                m.segment("LIN", String.valueOf(line));
                if (r.sampleRole() != null) {
                    m.segment("IMD", "C", null, EdifactOut.c(r.sampleRole(), "", "ZZZ"));
                }
                m.segment("RFF", EdifactOut.c("BT", r.lotNo()));
                m.segment("RFF", EdifactOut.c("ADD", r.sampleId()));
            }
            previous = r;
            m.segment("CCI", null, null, r.analyte());
            if (r.analysisDate() != null) {
                m.segment("DTM", EdifactOut.dtm("119", r.analysisDate()));
            }
            String significance = r.qualifier() == null ? null : SIGNIFICANCE.get(r.qualifier());
            m.segment(
                    "MEA",
                    "AAE",
                    EdifactOut.c(null, significance, null, r.basis()),
                    EdifactOut.c(
                            EdifactOut.rec20(
                                    reference, r.unit(), "the " + r.analyte() + " result of sample " + r.sampleId()),
                            EdifactOut.number(r.value())));
            if (r.method() != null) {
                m.segment("TEM", EdifactOut.c(null, null, null, r.method()));
            }
        }
    }

    private static boolean sameSample(AssayResult a, AssayResult b) {
        return Objects.equals(a.lotNo(), b.lotNo())
                && Objects.equals(a.sampleId(), b.sampleId())
                && Objects.equals(a.sampleRole(), b.sampleRole());
    }

    /** The lab's EDI id, else its first id, else its name as the certificate wrote it. */
    private static String labId(Party lab) {
        return lab.ids().stream()
                .filter(i -> "EDI".equals(i.scheme()))
                .map(PartyId::value)
                .findFirst()
                .or(() -> lab.ids().stream().map(PartyId::value).findFirst())
                .orElse(lab.name());
    }
}
