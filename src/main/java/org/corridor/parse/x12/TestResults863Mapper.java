package org.corridor.parse.x12;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.Party;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.edi.X12Reference;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.csv.AssayCommodity;
import org.corridor.problem.ErrorCode;

/**
 * X12 004010 863 Report of Test Results (BTR04 {@code CA}, certificate of analysis) to an ASSAY_CERTIFICATE; see
 * docs/mig/x12-863-004010.md. Each LIN loop is one sample of one lot (LIN03 lot, REF*ZZ sample id and role); each
 * CID loop one analyte with its MEA value, TMD method and DTM*009 analysis date. The same certificate sent as lab
 * CSV gives the same body.
 */
public final class TestResults863Mapper implements EdiMessageMapper {

    private static final Set<String> ROLES = Set.of("SELLER", "BUYER", "UMPIRE", "CUSTOMS");
    private static final Map<String, String> BASIS = Map.of("DB", "DRY", "AR", "AS_RECEIVED");
    private static final Map<String, String> SIGNIFICANCE = Map.of("07", "<", "06", ">");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public TestResults863Mapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return "X12";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("863");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment btr = message.first("BTR").orElseThrow();
        List<EdiSegment> header = message.segments().stream()
                .takeWhile(s -> !s.tag().equals("N1"))
                .toList();
        String contractRef =
                EdiMessage.first(header, "REF", "CT").map(r -> r.element(2)).orElse(null);
        Party lab = message.groups("N1", Set.of("LIN", "SE")).stream()
                .filter(g -> g.get(0).is(1, "TL"))
                .findFirst()
                .map(X12Parties::party)
                .orElseThrow(
                        () -> EdiValues.reject(
                                ErrorCode.EDI_CONTENT,
                                btr,
                                0,
                                0,
                                "The report names no"
                                        + " laboratory: add an N1 loop with N101 = TL (testing laboratory) before the first LIN."));
        List<AssayResult> results = new ArrayList<>();
        for (List<EdiSegment> lin : message.groups("LIN", Set.of("SE"))) {
            results.addAll(sample(lin));
        }
        AssayCertificate certificate = new AssayCertificate(
                btr.element(5), EdiValues.date(btr, 2, 1), lab, AssayCommodity.infer(results), contractRef, results);
        return List.of(ParsedMessage.of(certificate));
    }

    /** One LIN loop: one sample of one lot, its results in the order of its CID loops. */
    private List<AssayResult> sample(List<EdiSegment> lin) {
        EdiSegment item = lin.get(0);
        String lotNo = item.element(3);
        EdiSegment ref = EdiMessage.first(lin, "REF", "ZZ")
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        item,
                        0,
                        0,
                        "Lot " + lotNo + " has no sample: add REF*ZZ with the sample id (REF02) and its role"
                                + " (REF03) right after LIN."));
        String sampleId = ref.element(2);
        String role = ref.element(3);
        if (role != null && !ROLES.contains(role)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CODE,
                    ref,
                    3,
                    0,
                    "\"" + role + "\" in REF03 is not a sample role"
                            + " Corridor knows. Use SELLER, BUYER, UMPIRE or CUSTOMS, or leave it empty.");
        }
        LocalDate sampleDate =
                analysisDate(lin.stream().takeWhile(s -> !s.tag().equals("CID")).toList());
        List<AssayResult> results = new ArrayList<>();
        for (List<EdiSegment> cid : EdiMessage.groups(lin, "CID", Set.of())) {
            results.add(result(lotNo, sampleId, role, cid, sampleDate));
        }
        return results;
    }

    private AssayResult result(String lotNo, String sampleId, String role, List<EdiSegment> cid, LocalDate sampleDate) {
        EdiSegment characteristic = cid.get(0);
        String analyte = characteristic.element(3);
        if (!reference.isAnalyte(analyte)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    characteristic,
                    3,
                    0,
                    "\"" + analyte + "\" in CID03 is"
                            + " not an analyte Corridor knows. Write it as chemists do, case-sensitive (Cu, Au, As, H2O,"
                            + " Nd2O3), or as a ratio such as Nd2O3/TREO.");
        }
        EdiSegment mea = EdiMessage.first(cid, "MEA").orElseThrow();
        BigDecimal value = EdiValues.decimal(mea, 3, 1);
        String qualifier = mea.element(7) == null ? null : SIGNIFICANCE.get(mea.element(7));
        String method = EdiMessage.first(cid, "TMD").map(t -> t.element(6)).orElse(null);
        LocalDate date = analysisDate(cid);
        return new AssayResult(
                lotNo,
                sampleId,
                role,
                analyte,
                value,
                qualifier,
                unit(mea),
                BASIS.get(mea.element(2)),
                method,
                date != null ? date : sampleDate);
    }

    /** DTM*009 (process date: when the sample was analysed) among the segments, or null. */
    private static LocalDate analysisDate(List<EdiSegment> segments) {
        return EdiMessage.first(segments, "DTM", "009")
                .map(d -> EdiValues.date(d, 2, 1))
                .orElse(null);
    }

    /** MEA04 (C001): a unit code, or a unit divided by another (C001-04 with exponent C001-05 = -1). */
    static String unit(EdiSegment mea) {
        String numerator = mea.component(4, 1);
        String denominator = mea.component(4, 4);
        String exponent = mea.component(4, 5);
        boolean simple = mea.component(4, 2) == null
                && mea.component(4, 3) == null
                && denominator == null
                && exponent == null
                && mea.component(4, 6) == null;
        boolean perUnit = denominator != null
                && "-1".equals(exponent)
                && mea.component(4, 2) == null
                && mea.component(4, 3) == null
                && mea.component(4, 6) == null;
        String key = simple ? numerator : perUnit ? numerator + "/" + denominator : null;
        return (key == null ? Optional.<String>empty() : X12Reference.get().unit(key))
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        mea,
                        4,
                        1,
                        "The unit in MEA04 (\""
                                + String.join(">", mea.elements().get(3)) + "\") is not one Corridor maps. Use P1 (per"
                                + " cent), 59 (ppm), GR, KG, LB or MT, or grams per tonne as GR>>>MT>-1."));
    }
}
