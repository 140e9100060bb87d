package org.corridor.parse.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.TransportEvent;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiSchemas;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.edi.EdiDocumentParser;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** The X12 mappers on what the golden samples do not show: qualifier variants, optional segments, refusals. */
class X12MappersTest {

    private final EdiDocumentParser parser =
            new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    /** One interchange, one group, one transaction set around the body segments, with the right counts. */
    private static String interchange(String type, String group, List<String> body) {
        List<String> set = new ArrayList<>();
        set.add("ST*" + type + "*0001");
        set.addAll(body);
        set.add("SE*" + (set.size() + 1) + "*0001");
        return "ISA*00*          *00*          *ZZ*OCEANCAR       *ZZ*USSMUS         *251012*1405*U*00401*000000901"
                + "*0*P*>~GS*" + group + "*OCEANCAR*USSMUS*20251012*1405*901*X*004010~" + String.join("~", set)
                + "~GE*1*901~IEA*1*000000901~";
    }

    private List<ParsedMessage> parse(String type, String group, List<String> body) {
        return parser.parse(
                interchange(type, group, body).getBytes(StandardCharsets.UTF_8),
                new Detection(Detection.X12, type, "004010"));
    }

    private static final List<String> CERTIFICATE = List.of(
            "BTR*00*20251006**CA*KHILAB-SB-2025-0152",
            "N1*TL*Karachi Minerals Testing Laboratory*ZZ*KHILAB",
            "LIN**LT*FWO-SB-L01",
            "REF*ZZ*KML-25-0152-01",
            "DTM*009*20251004",
            "CID**ZZ*Sb",
            "MEA*TR*DB*58.2*P1",
            "CID**ZZ*As",
            "TMD******ICP-OES",
            "MEA*TR*DB*0.01*P1***06",
            "DTM*009*20251005");

    @Test
    void sampleDateServesAnalytesWithoutTheirOwnAndGreaterThanIsKept() {
        AssayCertificate certificate =
                (AssayCertificate) parse("863", "RT", CERTIFICATE).get(0).body();

        assertThat(certificate.commodity()).isEqualTo("SB_CONC");
        assertThat(certificate.contractRef()).isNull();
        assertThat(certificate.lab().ids())
                .extracting(id -> id.scheme() + ":" + id.value())
                .containsExactly("EDI:KHILAB");
        List<AssayResult> results = certificate.results();
        assertThat(results.get(0).analysisDate()).hasToString("2025-10-04");
        assertThat(results.get(0).sampleRole()).isNull();
        assertThat(results.get(0).method()).isNull();
        assertThat(results.get(1).analysisDate()).hasToString("2025-10-05");
        assertThat(results.get(1).qualifier()).isEqualTo(">");
        assertThat(results.get(1).value()).isEqualByComparingTo("0.01");
        assertThat(results.get(1).value().scale()).isEqualTo(2);
    }

    @Test
    void refusesASampleRoleCorridorDoesNotKnow() {
        List<String> body = new ArrayList<>(CERTIFICATE);
        body.set(3, "REF*ZZ*KML-25-0152-01*REFEREE");

        assertThatThrownBy(() -> parse("863", "RT", body)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CODE);
            assertThat(e.problem().location().field()).isEqualTo("REF03");
            assertThat(e.problem().location().position()).isEqualTo(5);
        });
    }

    @Test
    void refusesAReportWithoutALaboratory() {
        List<String> body = new ArrayList<>(CERTIFICATE);
        body.set(1, "N1*SE*Frontier Works Organisation*ZZ*FWOPK");

        assertThatThrownBy(() -> parse("863", "RT", body))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CONTENT));
    }

    @Test
    void unitsIncludingTheGramsPerTonneComposite() {
        List<String> body = new ArrayList<>(CERTIFICATE);
        body.set(6, "MEA*TR*AR*12.5*GR>>>MT>-1");

        AssayResult result = ((AssayCertificate) parse("863", "RT", body).get(0).body())
                .results()
                .get(0);

        assertThat(result.unit()).isEqualTo("G_PER_T");
        assertThat(result.basis()).isEqualTo("AS_RECEIVED");
    }

    private static List<String> status(String code, String date, String time, String location) {
        return List.of(
                "B4***" + code + "*" + date + "*" + time + "**TGHU*8144721*L*22G1*" + location + "*UN*1",
                "N9*BM*ASOC-BL-2025-0147");
    }

    @Test
    void houstonIsFiveHoursBehindUtcBeforeDaylightSavingTimeEnds() {
        TransportEvent before = (TransportEvent) parse("315", "QO", status("VA", "20251030", "0800", "USHOU"))
                .get(0)
                .body();
        TransportEvent after = (TransportEvent) parse("315", "QO", status("VA", "20251103", "0800", "USHOU"))
                .get(0)
                .body();

        assertThat(before.eventTime()).isEqualTo(OffsetDateTime.parse("2025-10-30T08:00-05:00"));
        assertThat(after.eventTime()).isEqualTo(OffsetDateTime.parse("2025-11-03T08:00-06:00"));
        assertThat(before.vessel()).isNull();
        assertThat(before.bookingNo()).isNull();
    }

    @Test
    void anUnmappedStatusIsOtherWithItsCodeKept() {
        TransportEvent event = (TransportEvent) parse("315", "QO", status("X1", "20251012", "0630", "PKKHI"))
                .get(0)
                .body();

        assertThat(event.event()).isEqualTo("OTHER");
        assertThat(event.sourceCode()).isEqualTo("X1");
        assertThat(event.eventTime()).isEqualTo(OffsetDateTime.parse("2025-10-12T06:30+05:00"));
    }

    @Test
    void refusesACheckDigitThatContradictsTheContainerNumber() {
        List<String> body = List.of("B4***AE*20251012*0630**TGHU*8144721*L*22G1*PKBQM*UN*7", "N9*BM*ASOC-BL-2025-0147");

        assertThatThrownBy(() -> parse("315", "QO", body)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.CONTAINER_CHECK_DIGIT);
            assertThat(e.problem().location().field()).isEqualTo("B413");
        });
    }

    private static List<String> billOfLading(String payment, String n7Weight, String l3) {
        return List.of(
                "B3**ASOC-FI-1*ASOC-BL-1*" + payment + "*K*20251012*0****ASOC",
                "N9*BM*ASOC-BL-1",
                "V1**ASOC KARAKORAM",
                "N1*SH*Frontier Works Organisation",
                "N1*CN*US Strategic Metals",
                "R4*L*UN*PKBQM",
                "R4*D*UN*USHOU",
                "LX*1",
                n7(n7Weight),
                "L5*1*Antimony ore*261710*H",
                "L0*1***1000*G***2*BKG**K",
                "L3*" + l3);
    }

    /** N7 with container TGHU8144721, the given N703/N704 ("" for none), N711 CN, N717 K, N722 22G1. */
    private static String n7(String weightAndQualifier) {
        String[] e = new String[23];
        java.util.Arrays.fill(e, "");
        e[0] = "N7";
        e[1] = "TGHU";
        e[2] = "8144721";
        if (!weightAndQualifier.isEmpty()) {
            e[3] = weightAndQualifier.split("\\*")[0];
            e[4] = weightAndQualifier.split("\\*")[1];
        }
        e[11] = "CN";
        e[17] = "K";
        e[22] = "22G1";
        return String.join("*", e);
    }

    @Test
    void collectFreightAndAMinimalBillOfLading() {
        ShippingDocument bl = (ShippingDocument) parse("310", "IO", billOfLading("CC", "", "1000*G*********2*K"))
                .get(0)
                .body();

        assertThat(bl.freightTerms()).isEqualTo("COLLECT");
        assertThat(bl.carrier().ids())
                .extracting(id -> id.scheme() + ":" + id.value())
                .containsExactly("SCAC:ASOC");
        assertThat(bl.vessel().imo()).isNull();
        assertThat(bl.shippedOnBoardDate()).isNull();
        assertThat(bl.equipment().get(0).vgmKg()).isNull();
        assertThat(bl.goods().get(0).netWeightKg()).isNull();
        assertThat(bl.goods().get(0).packageKind()).isEqualTo("JB");
    }

    @Test
    void refusesPackageTotalsThatDoNotAddUp() {
        assertThatThrownBy(() -> parse("310", "IO", billOfLading("PP", "", "1000*G*********3*K")))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.TOTALS_MISMATCH);
                    assertThat(e.problem().location().field()).isEqualTo("L311");
                });
    }

    @Test
    void refusesAContainerWeightThatIsNotAGrossWeight() {
        List<String> body = billOfLading("PP", "1200*N", "1000*G*********2*K");

        assertThatThrownBy(() -> parse("310", "IO", body)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CONTENT);
            assertThat(e.problem().location().field()).isEqualTo("N703");
        });
    }
}
