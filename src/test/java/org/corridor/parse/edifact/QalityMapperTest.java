package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** QALITY variants the golden samples do not show: qualifiers, decimal comma, optional segments, bad content. */
class QalityMapperTest {

    private static final String[] HEADER = {
        "BGM+1+KHILAB-SB-2025-0152+9",
        "DTM+137:20251006:102",
        "NAD+MS+KHILAB::ZZZ",
        "LIN+1",
        "RFF+BT:FWO-SB-L01",
        "RFF+ADD:KML-25-0152-01"
    };

    private static AssayCertificate certificate(String... results) {
        List<String> segments = new ArrayList<>(Arrays.asList(HEADER));
        segments.addAll(Arrays.asList(results));
        return (AssayCertificate)
                EdifactMapperTestSupport.parse(null, "QALITY:D:96A:UN", segments.toArray(String[]::new))
                        .get(0);
    }

    @Test
    void significanceCodesBecomeQualifiers() {
        AssayCertificate c = certificate(
                "CCI+++Hg",
                "MEA+AAE+:7::DRY+59:0.5",
                "CCI+++Sb",
                "MEA+AAE+:6::DRY+P1:99.5",
                "CCI+++As",
                "MEA+AAE+:4::DRY+P1:0.24");

        assertThat(c.results()).extracting(AssayResult::qualifier).containsExactly("<", ">", null);
        assertThat(c.results().get(0).value()).isEqualByComparingTo("0.5");
        assertThat(c.results()).extracting(AssayResult::unit).containsExactly("PPM", "PCT", "PCT");
    }

    @Test
    void readsDecimalCommaUnderItsUnaExactly() {
        List<?> bodies = EdifactMapperTestSupport.parse(
                "UNA:+,? '",
                "QALITY:D:96A:UN",
                "BGM+1+KHILAB-CU-2025-0147+9",
                "DTM+137:20251006:102",
                "NAD+MS+KHILAB::ZZZ",
                "LIN+1",
                "RFF+BT:L1",
                "RFF+ADD:S1",
                "CCI+++Au",
                "MEA+AAE+:::DRY+GQ:3,450");

        AssayResult au = ((AssayCertificate) bodies.get(0)).results().get(0);
        assertThat(au.value()).isEqualTo(new BigDecimal("3.450"));
        assertThat(au.unit()).isEqualTo("G_PER_T");
    }

    @Test
    void optionalSegmentsLeaveTheirFieldsEmpty() {
        AssayCertificate c = certificate("CCI+++Cu", "MEA+AAE+:::AS_RECEIVED+P1:24.12");

        AssayResult cu = c.results().get(0);
        assertThat(cu.sampleRole()).isNull();
        assertThat(cu.method()).isNull();
        assertThat(cu.analysisDate()).isNull();
        assertThat(cu.basis()).isEqualTo("AS_RECEIVED");
        assertThat(c.commodity()).isNull();
        assertThat(c.contractRef()).isNull();
        assertThat(c.issueDate()).isEqualTo(LocalDate.of(2025, 10, 6));
        assertThat(c.lab().name()).isEqualTo("KHILAB");
    }

    @Test
    void analysisDateMayCarryATime() {
        AssayCertificate c = certificate("CCI+++Cu", "DTM+119:202510031415:203", "MEA+AAE+:::DRY+P1:24.12");

        assertThat(c.results().get(0).analysisDate()).isEqualTo(LocalDate.of(2025, 10, 3));
    }

    @Test
    void refusesAMeasurementWithoutBasis() {
        assertThatThrownBy(() -> certificate("CCI+++Cu", "MEA+AAE++P1:24.12"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_ELEMENT_MISSING);
                    assertThat(e.problem().location().field()).isEqualTo("MEA02-4");
                    assertThat(e.problem().location().position()).isEqualTo(9);
                });
    }

    @Test
    void refusesAnUnknownSampleRole() {
        List<String> segments = new ArrayList<>(Arrays.asList(HEADER));
        segments.add(4, "IMD+C++REFEREE::ZZZ");
        segments.addAll(List.of("CCI+++Cu", "MEA+AAE+:::DRY+P1:24.12"));

        assertThatThrownBy(
                        () -> EdifactMapperTestSupport.parse(null, "QALITY:D:96A:UN", segments.toArray(String[]::new)))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CODE);
                    assertThat(e.problem().location().field()).isEqualTo("IMD03-1");
                    assertThat(e.problem().message()).contains("REFEREE").contains("BUYER, CUSTOMS, SELLER, UMPIRE");
                });
    }

    @Test
    void refusesASampleWithoutLot() {
        assertThatThrownBy(() -> EdifactMapperTestSupport.parse(
                        null,
                        "QALITY:D:96A:UN",
                        "BGM+1+C1+9",
                        "DTM+137:20251006:102",
                        "NAD+MS+KHILAB::ZZZ",
                        "LIN+1",
                        "RFF+ADD:S1",
                        "CCI+++Cu",
                        "MEA+AAE+:::DRY+P1:24.12"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_SEGMENT_MISSING);
                    assertThat(e.problem().location().segment()).isEqualTo("LIN");
                    assertThat(e.problem().message()).contains("lot number");
                });
    }

    @Test
    void aSegmentTheGuideDoesNotListIsRefused() {
        assertThatThrownBy(() -> certificate("CCI+++Cu", "FTX+AAI+++remark", "MEA+AAE+:::DRY+P1:24.12"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_SEGMENT_UNEXPECTED);
                    assertThat(e.problem().location().segment()).isEqualTo("FTX");
                    assertThat(e.problem().location().position()).isEqualTo(9);
                });
    }

    @Test
    void refusesAMeasurementWithoutItsUnitAndValueAtMea03() {
        // C174 is conditional in D96A; before, the unit lookup failed on the missing code (NullPointerException)
        assertThatThrownBy(() -> certificate("CCI+++Cu", "MEA+AAE+:::DRY"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_ELEMENT_MISSING);
                    assertThat(e.problem().location().field()).isEqualTo("MEA03-1");
                });
    }
}
