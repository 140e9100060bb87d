package org.corridor.render.x12;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.render.AbstractMessageWriter;

/**
 * An ASSAY_CERTIFICATE as an X12 004010 863 Report of Test Results (BTR04 {@code CA}), in the segments
 * {@code TestResults863Mapper} reads (docs/mig/x12-863-004010.md, "Outbound"): one LIN loop per run of results of the
 * same sample of the same lot, one CID loop per result with its method, value, unit, basis, qualifier and analysis
 * date, so that reading the 863 back gives the same body.
 */
public final class TestResults863Writer extends AbstractMessageWriter {

    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, String> BASIS = Map.of("DRY", "DB", "AS_RECEIVED", "AR");
    private static final Map<String, String> SIGNIFICANCE = Map.of("<", "07", ">", "06");
    private static final Map<String, String> UNITS =
            Map.of("PCT", "P1", "PPM", "59", "G", "GR", "KG", "KG", "LB", "LB", "T", "MT");

    public TestResults863Writer() {
        super(EdiEnvelope.X12, "863", "004010", "RT", DocumentKind.ASSAY_CERTIFICATE);
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message message) {
        AssayCertificate certificate = (AssayCertificate) document.body();
        // BTR02 is mandatory: a certificate without an issue date (a lab CSV has none) is dated the day it is written
        LocalDate reportDate = certificate.issueDate() != null
                ? certificate.issueDate()
                : message.preparedAt().toLocalDate();
        message.segment("BTR", "00", CCYYMMDD.format(reportDate), null, "CA", certificate.certificateNo());
        if (certificate.contractRef() != null) {
            message.segment("REF", "CT", certificate.contractRef());
        }
        Party lab = certificate.lab();
        if (lab == null || lab.name() == null) {
            throw new IllegalArgumentException("Certificate " + certificate.certificateNo() + " names no laboratory;"
                    + " an 863 needs one (N1*TL).");
        }
        party(message, "TL", lab);
        int line = 0;
        AssayResult previous = null;
        for (AssayResult result : certificate.results()) {
            if (previous == null || !sameSample(previous, result)) {
                line++;
                if (result.lotNo() == null || result.sampleId() == null) {
                    throw new IllegalArgumentException("Result " + result.analyte() + " of certificate "
                            + certificate.certificateNo() + " has no lot or sample id; an 863 needs both (LIN03,"
                            + " REF02).");
                }
                message.segment("LIN", String.valueOf(line), "LT", result.lotNo());
                message.segment("REF", "ZZ", result.sampleId(), result.sampleRole());
            }
            result(message, result);
            previous = result;
        }
    }

    private static boolean sameSample(AssayResult a, AssayResult b) {
        return Objects.equals(a.lotNo(), b.lotNo())
                && Objects.equals(a.sampleId(), b.sampleId())
                && Objects.equals(a.sampleRole(), b.sampleRole());
    }

    private static void result(EdiWriter.Message message, AssayResult result) {
        if (result.basis() == null || result.value() == null) {
            throw new IllegalArgumentException("Result " + result.analyte() + " of sample " + result.sampleId()
                    + " has no " + (result.value() == null ? "value" : "basis (DRY or AS_RECEIVED)") + "; an 863"
                    + " needs one (MEA0" + (result.value() == null ? "3" : "2") + ").");
        }
        message.segment("CID", null, "ZZ", result.analyte());
        if (result.method() != null) {
            message.segment("TMD", null, null, null, null, null, result.method());
        }
        message.segment(
                "MEA",
                "TR",
                BASIS.get(result.basis()),
                result.value().toPlainString(),
                unit(result.unit()),
                null,
                null,
                result.qualifier() == null ? null : SIGNIFICANCE.get(result.qualifier()));
        if (result.analysisDate() != null) {
            message.segment("DTM", "009", CCYYMMDD.format(result.analysisDate()));
        }
    }

    /** The canonical unit as MEA04 (C001): a unit code, or grams per tonne as GR with MT to the power -1. */
    static Object unit(String unit) {
        if ("G_PER_T".equals(unit)) {
            return List.of("GR", "", "", "MT", "-1");
        }
        String code = UNITS.get(unit);
        if (code == null) {
            throw new IllegalArgumentException("Unit " + unit + " has no X12 355 code Corridor writes in an 863"
                    + " (PCT, PPM, G, KG, LB, T, G_PER_T).");
        }
        return code;
    }

    /** N1 with the EDI id (ZZ) or DUNS (1) the 863 schema allows, and N4 with the country. */
    private static void party(EdiWriter.Message message, String role, Party party) {
        PartyId id = party.ids().stream()
                .filter(i -> "EDI".equals(i.scheme()) || "DUNS".equals(i.scheme()))
                .findFirst()
                .orElse(null);
        message.segment(
                "N1",
                role,
                party.name(),
                id == null ? null : "EDI".equals(id.scheme()) ? "ZZ" : "1",
                id == null ? null : id.value());
        if (party.country() != null) {
            message.segment("N4", null, null, null, party.country());
        }
    }
}
