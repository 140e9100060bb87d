package org.corridor.parse.edifact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.Party;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * EDIFACT D96A QALITY (certificate of analysis, BGM 1001 {@code 1}) to ASSAY_CERTIFICATE, as
 * docs/mig/edifact-qality-d96a.md lays it out: one LIN group per sample (lot in {@code RFF+BT}, sample in
 * {@code RFF+ADD}, sample role in {@code IMD+C}), one CCI group per analyte with its analysis date
 * ({@code DTM+119}), value ({@code MEA+AAE}: unit, significance {@code 7} less than / {@code 6} greater than, basis)
 * and method ({@code TEM}). Results keep the order of the message, so the body equals the lab CSV's.
 */
public final class QalityMapper implements EdiMessageMapper {

    static final Set<String> COMMODITIES = Set.of("CU_CONC", "SB_CONC", "SB_INGOT", "NDPR_OXIDE", "REE_CONC", "OTHER");
    static final Set<String> ROLES = Set.of("SELLER", "BUYER", "UMPIRE", "CUSTOMS");
    static final Set<String> BASES = Set.of("DRY", "AS_RECEIVED");
    private static final Map<String, String> SIGNIFICANCE = Map.of("4", "", "6", ">", "7", "<");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public QalityMapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return "EDIFACT";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("QALITY");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment bgm = message.first("BGM").orElseThrow();
        String certificateNo = bgm.element(2);
        if (certificateNo == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    bgm,
                    2,
                    0,
                    "BGM02 (data element 1004, the"
                            + " certificate number) in segment BGM at position " + bgm.position()
                            + " is empty. Write the"
                            + " laboratory's certificate number there.");
        }
        List<EdiSegment> header = headerSegments(message);
        LocalDate issueDate =
                EdiMessage.first(header, "DTM", "137").map(EdiValues::dtmDate).orElse(null);
        String commodity = EdiMessage.first(header, "IMD")
                .map(imd -> code(imd, COMMODITIES, "commodity"))
                .orElse(null);
        String contractRef = EdiMessage.first(header, "RFF", "CT")
                .map(r -> r.component(1, 2))
                .orElse(null);
        EdiSegment labNad = message.first("NAD", "MS")
                .orElseThrow(
                        () -> EdiValues.reject(
                                ErrorCode.EDI_SEGMENT_MISSING,
                                bgm,
                                0,
                                0,
                                "The certificate names no laboratory: add NAD+MS with"
                                        + " the laboratory's party id (for example NAD+MS+KHILAB::ZZZ) after the RFF segments."));
        String labId = labNad.component(2, 1);
        if (labId == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    labNad,
                    2,
                    1,
                    "NAD02-1 (data element 3039,"
                            + " party id) in segment NAD at position " + labNad.position() + " is empty: name the"
                            + " laboratory by its id, for example KHILAB.");
        }
        List<AssayResult> results = new ArrayList<>();
        for (List<EdiSegment> sample : message.groups("LIN", Set.of("UNT"))) {
            results.addAll(sampleResults(sample));
        }
        return List.of(ParsedMessage.of(
                new AssayCertificate(certificateNo, issueDate, Party.named(labId), commodity, contractRef, results)));
    }

    /** The segments before the first LIN group. */
    private static List<EdiSegment> headerSegments(EdiMessage message) {
        List<EdiSegment> header = new ArrayList<>();
        for (EdiSegment s : message.segments()) {
            if (s.tag().equals("LIN")) {
                break;
            }
            header.add(s);
        }
        return header;
    }

    private List<AssayResult> sampleResults(List<EdiSegment> sample) {
        EdiSegment lin = sample.get(0);
        List<EdiSegment> lineLevel = new ArrayList<>();
        for (EdiSegment s : sample) {
            if (s.tag().equals("CCI")) {
                break;
            }
            lineLevel.add(s);
        }
        String lotNo = EdiMessage.first(lineLevel, "RFF", "BT")
                .map(r -> r.component(1, 2))
                .orElse(null);
        String sampleId = EdiMessage.first(lineLevel, "RFF", "ADD")
                .map(r -> r.component(1, 2))
                .orElse(null);
        if (lotNo == null || sampleId == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_SEGMENT_MISSING,
                    lin,
                    0,
                    0,
                    "Sample line " + lin.element(1)
                            + " (LIN at position " + lin.position() + ") has no "
                            + (lotNo == null ? "lot number" + " (RFF+BT:lot)" : "sample id (RFF+ADD:sample)")
                            + ". Each LIN group carries both, after LIN.");
        }
        String role = EdiMessage.first(lineLevel, "IMD")
                .map(imd -> code(imd, ROLES, "sample role"))
                .orElse(null);
        List<AssayResult> results = new ArrayList<>();
        for (List<EdiSegment> characteristic : EdiMessage.groups(sample, "CCI", Set.of())) {
            results.add(result(lotNo, sampleId, role, characteristic));
        }
        return results;
    }

    private AssayResult result(String lotNo, String sampleId, String role, List<EdiSegment> group) {
        EdiSegment cci = group.get(0);
        String analyte = cci.component(3, 1);
        if (analyte == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    cci,
                    3,
                    1,
                    "CCI03-1 (data element 7037,"
                            + " characteristic identification) in segment CCI at position " + cci.position()
                            + " is empty: write the analyte, for example Cu.");
        }
        if (!reference.isAnalyte(analyte)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    cci,
                    3,
                    1,
                    "\"" + analyte + "\" in CCI03-1 at position "
                            + cci.position()
                            + " is not an analyte Corridor knows. Write it as chemists do, for example Cu,"
                            + " Au, H2O, Nd2O3 or a ratio such as Nd2O3/TREO (case matters).");
        }
        LocalDate analysisDate =
                EdiMessage.first(group, "DTM", "119").map(EdiValues::dtmDate).orElse(null);
        EdiSegment mea = EdiMessage.first(group, "MEA").orElseThrow();
        String rec20 = mea.component(3, 1);
        if (rec20 == null) {
            // C174 is conditional in D96A: the schema lets a measurement without its value and unit through
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    mea,
                    3,
                    1,
                    "MEA03-1 (data element 6411,"
                            + " measure unit qualifier) in segment MEA at position " + mea.position()
                            + " is empty: write"
                            + " the unit and the result, for example P1:24.40.");
        }
        String unit = reference
                .unitForRec20(rec20)
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        mea,
                        3,
                        1,
                        "\"" + rec20 + "\" in MEA03-1 at position " + mea.position()
                                + " is not a unit Corridor maps. Use a UN/ECE Rec 20 code: P1 (per cent), GQ (grams per"
                                + " tonne), 59 (ppm)."));
        BigDecimal value = EdiValues.decimal(mea, 3, 2);
        if (value == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    mea,
                    3,
                    2,
                    "MEA03-2 (data element 6314,"
                            + " measurement value) in segment MEA at position " + mea.position()
                            + " is empty: write the"
                            + " result, or the detection limit with MEA02-2 = 7 (less than).");
        }
        String significance = mea.component(2, 2);
        String qualifier = significance == null ? null : SIGNIFICANCE.get(significance);
        String basis = mea.component(2, 4);
        if (basis == null || !BASES.contains(basis)) {
            throw EdiValues.reject(
                    basis == null ? ErrorCode.EDI_ELEMENT_MISSING : ErrorCode.EDI_CODE,
                    mea,
                    2,
                    4,
                    (basis == null
                                    ? "MEA02-4 (data element 6154, the basis) in segment MEA at position "
                                            + mea.position() + " is empty"
                                    : "\"" + basis + "\" in MEA02-4 at position " + mea.position()
                                            + " is not a basis Corridor knows")
                            + ". Write DRY or AS_RECEIVED.");
        }
        String method =
                EdiMessage.first(group, "TEM").map(t -> t.component(1, 4)).orElse(null);
        return new AssayResult(
                lotNo,
                sampleId,
                role,
                analyte,
                value,
                qualifier == null || qualifier.isEmpty() ? null : qualifier,
                unit,
                basis,
                method,
                analysisDate);
    }

    /** The corridor code in IMD03-1 (7009) of an {@code IMD+C} segment, checked against its list. */
    private static String code(EdiSegment imd, Set<String> allowed, String what) {
        String value = imd.component(3, 1);
        if (value == null || !allowed.contains(value)) {
            throw EdiValues.reject(
                    value == null ? ErrorCode.EDI_ELEMENT_MISSING : ErrorCode.EDI_CODE,
                    imd,
                    3,
                    1,
                    (value == null
                                    ? "IMD03-1 (data element 7009) in segment IMD at position " + imd.position()
                                            + " is empty"
                                    : "\"" + value + "\" in IMD03-1 at position " + imd.position() + " is not a " + what
                                            + " Corridor knows")
                            + ". Write one of "
                            + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return value;
    }
}
