package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.ShippingDocument;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

class IftminMapperTest {

    /** The exporter's instruction and the carrier's B/L of the copper shipment say the same about the cargo. */
    @Test
    void shippingInstructionAgreesWithTheBillOfLadingOfTheSameShipment() throws IOException {
        JsonNode instruction = body("sample-docs/edifact/expected/FWOPK-IFTMIN-FWO-SI-2025-0147.json");
        JsonNode billOfLading = body("sample-docs/shipping/expected/ASOC-BL-2025-0147.json");
        for (String field : new String[] {
            "goods",
            "equipment",
            "vessel",
            "portOfLoading",
            "portOfDischarge",
            "placeOfDelivery",
            "bookingNo",
            "blNo",
            "freightTerms"
        }) {
            assertThat(instruction.get(field)).as(field).isEqualTo(billOfLading.get(field));
        }
        for (String party : new String[] {"shipper", "consignee", "notify", "carrier"}) {
            assertThat(instruction.get(party).get("name"))
                    .as(party)
                    .isEqualTo(billOfLading.get(party).get("name"));
            assertThat(instruction.get(party).get("country"))
                    .isEqualTo(billOfLading.get(party).get("country"));
        }
    }

    private static JsonNode body(String file) throws IOException {
        return CanonicalJson.mapper().readTree(Path.of(file).toFile()).get(0).get("body");
    }

    @Test
    void convertsTonnesToKilogramsAndReadsCollectAndScac() {
        ShippingDocument si = (ShippingDocument) EdifactFixtures.parse(
                        "IFTMIN",
                        "BGM+340+SI-1+9",
                        "CPI+4++C",
                        "NAD+CA+ASOC::182++Arabian Sea Ocean Carrier+++++PK",
                        "GID+1+1:JB",
                        "MEA+WT+G+TNE:1.5295")
                .get(0)
                .body();
        assertThat(si.freightTerms()).isEqualTo("COLLECT");
        assertThat(si.carrier().ids().get(0).scheme()).isEqualTo("SCAC");
        assertThat(si.goods().get(0).grossWeightKg()).isEqualByComparingTo("1529.5");
        assertThat(si.equipment()).isEmpty();
    }

    @Test
    void refusesPackagesInContainersThatDoNotAddUpAndAWrongCheckDigit() {
        assertThatThrownBy(() -> EdifactFixtures.parse(
                        "IFTMIN",
                        "BGM+340+SI-1+9",
                        "NAD+CZ+FWOPK",
                        "GID+1+14:JB",
                        "SGP+TGHU8144721+7",
                        "EQD+CN+TGHU8144721"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CONTENT);
                    assertThat(e.problem().message()).contains("add up to 7").contains("GID02 declares 14");
                });
        assertThatThrownBy(
                        () -> EdifactFixtures.parse("IFTMIN", "BGM+340+SI-1+9", "NAD+CZ+FWOPK", "EQD+CN+TGHU8144722"))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.CONTAINER_CHECK_DIGIT));
    }
}
