package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.corridor.canonical.CustomsResponse;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** CUSRES statuses, and error codes paired with their texts. */
class CusresMapperTest {

    private static CustomsResponse response(String... segments) {
        return (CustomsResponse) EdifactMapperTestSupport.parse(null, "CUSRES:D:96A:UN", segments)
                .get(0);
    }

    @Test
    void aRejectionListsEachErrorCodeWithTheTextThatNamesIt() {
        CustomsResponse r = response(
                "BGM+963+R-9+9",
                "DTM+137:20251015:102",
                "FTX+AAO++W01+Net weight differs from the weighbridge ticket by 1.8 %.",
                "FTX+AAO++H02+HS code 26030000 needs the assay certificate.",
                "ERP+1",
                "ERC+H02::ZZZ",
                "ERP+1",
                "ERC+W01::ZZZ",
                "ERP+1",
                "ERC+X99::ZZZ",
                "RFF+ABT:PQEX-SB-0004480-15102025");

        assertThat(r.status()).isEqualTo("REJECTED");
        assertThat(r.statusDate()).hasToString("2025-10-15");
        assertThat(r.office()).isNull();
        assertThat(r.messages())
                .containsExactly(
                        new CustomsResponse.Message("H02", "HS code 26030000 needs the assay certificate."),
                        new CustomsResponse.Message("W01", "Net weight differs from the weighbridge ticket by 1.8 %."),
                        new CustomsResponse.Message("X99", null));
    }

    @Test
    void anAcceptanceWithoutRemarksHasNoMessages() {
        CustomsResponse r = response("BGM+961+R-1+9", "LOC+22+PKKHI", "RFF+ABT:D-1");

        assertThat(r.status()).isEqualTo("ACCEPTED");
        assertThat(r.office()).isEqualTo("PKKHI");
        assertThat(r.messages()).isEmpty();
    }

    @Test
    void refusesAnUnknownResponseCode() {
        assertThatThrownBy(() -> response("BGM+960+R-1+9", "RFF+ABT:D-1"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CODE);
                    assertThat(e.problem().location().field()).isEqualTo("BGM01-1");
                });
    }

    @Test
    void refusesAResponseWithoutItsCodeAtBgm01() {
        // the schema lets an empty BGM01 through (C002 is conditional); the status lookup failed on it before
        assertThatThrownBy(() -> response("BGM++R-1+9", "RFF+ABT:D-1"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_ELEMENT_MISSING);
                    assertThat(e.problem().location().field()).isEqualTo("BGM01-1");
                });
    }
}
