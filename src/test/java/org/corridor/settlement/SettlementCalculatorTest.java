package org.corridor.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corridor.agreement.PricingTerms;
import org.junit.jupiter.api.Test;

class SettlementCalculatorTest {

    /** The domain notes' illustrative copper terms (docs/settlement.md). */
    static PricingTerms copper() {
        return new PricingTerms(
                "USD",
                new PricingTerms.PriceRef("CU", "USD_PER_T", "LME"),
                PricingTerms.PAYABLE_METAL,
                new PricingTerms.Payable("Cu", new BigDecimal("96.5"), new BigDecimal("1.0")),
                new BigDecimal("80"),
                new BigDecimal("0.08"),
                List.of(new PricingTerms.Penalty(
                        "As", "PCT", new BigDecimal("0.20"), new BigDecimal("0.1"), new BigDecimal("2.50"))),
                List.of(),
                new BigDecimal("90"),
                new PricingTerms.QuotationalPeriod(1),
                List.of(
                        new PricingTerms.SplittingLimit("Cu", new BigDecimal("0.20")),
                        new PricingTerms.SplittingLimit("As", new BigDecimal("0.03"))),
                new BigDecimal("1.00"),
                null);
    }

    static Map<String, BigDecimal> assay(String... pairs) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], new BigDecimal(pairs[i + 1]));
        }
        return values;
    }

    @Test
    void workedExampleComesOutToTheCent() {
        SettlementCalculator.Calculation c = SettlementCalculator.calculate(
                copper(),
                "CU_CONC",
                new BigDecimal("1000"),
                new BigDecimal("8"),
                assay("Cu", "24.00", "As", "0.35"),
                new BigDecimal("9500"));

        assertThat(c.dmt()).isEqualByComparingTo("920.000");
        assertThat(c.payable()).isEqualByComparingTo("23.00");
        assertThat(c.payableQuantity()).isEqualByComparingTo("211.600");
        assertThat(c.value()).isEqualTo(new BigDecimal("2010200.00"));
        assertThat(c.tc()).isEqualTo(new BigDecimal("73600.00"));
        assertThat(c.rc()).isEqualTo(new BigDecimal("37319.84"));
        assertThat(c.steps())
                .anyMatch(s -> s.name().equals("payable lb") && s.result().intValue() == 466498);
        assertThat(c.penaltyCharges()).singleElement().satisfies(p -> {
            assertThat(p.steps()).isEqualByComparingTo("1.5");
            assertThat(p.amount()).isEqualTo(new BigDecimal("3450.00"));
        });
        assertThat(c.penalties()).isEqualTo(new BigDecimal("3450.00"));
        assertThat(c.net()).isEqualTo(new BigDecimal("1895830.16"));
        assertThat(c.provisionalAmount()).isEqualTo(new BigDecimal("1706247.14"));
    }
}
