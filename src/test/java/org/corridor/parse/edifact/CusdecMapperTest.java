package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.corridor.canonical.CustomsDeclaration;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** CUSDEC variants the golden sample does not show: a minimal declaration, several items, weights in kilograms. */
class CusdecMapperTest {

    private static CustomsDeclaration declaration(String... segments) {
        return (CustomsDeclaration) EdifactMapperTestSupport.parse(null, "CUSDEC:D:96A:UN", segments)
                .get(0);
    }

    @Test
    void aMinimalDeclarationLeavesAbsentFieldsEmpty() {
        CustomsDeclaration d = declaration(
                "BGM+830+X-1+9",
                "LOC+9+PKKHI",
                "UNS+D",
                "CST+1+26171000",
                "MEA+WT+AAB+KGM:1200",
                "CST+2+81101000",
                "FTX+AAA+++Antimony ingots",
                "UNS+S");

        assertThat(d.jurisdiction()).isEqualTo("PK");
        assertThat(d.direction()).isEqualTo("EXPORT");
        assertThat(d.procedure()).isNull();
        assertThat(d.financialInstrument()).isNull();
        assertThat(d.incoterm()).isNull();
        assertThat(d.containers()).isEmpty();
        assertThat(d.lines()).extracting(CustomsDeclaration.Line::hsCode).containsExactly("26171000", "81101000");
        assertThat(d.lines().get(0).grossWeightKg()).isEqualByComparingTo("1200");
        assertThat(d.lines().get(0).quantity()).isNull();
        assertThat(d.lines().get(1).description()).isEqualTo("Antimony ingots");
    }

    @Test
    void refusesWeightsInOtherUnits() {
        assertThatThrownBy(
                        () -> declaration("BGM+830+X-1+9", "UNS+D", "CST+1+26030000", "MEA+WT+AAB+TNE:21.342", "UNS+S"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CONTENT);
                    assertThat(e.problem().location().field()).isEqualTo("MEA03-1");
                    assertThat(e.problem().location().position()).isEqualTo(5);
                });
    }
}
