package org.corridor.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.corridor.settlement.SettlementState;

/**
 * One settlement stage as the dossier page shows it: its state, reason or invoice, and every step of its calculation
 * in order (the final assay's, the calculation's, then the balance), each with how it was worked out.
 */
record SettlementView(
        String stage,
        String title,
        String state,
        String reason,
        String invoiceNo,
        String invoiceType,
        BigDecimal amount,
        String currency,
        List<Step> steps) {

    /** One line of the working: what, how (the formula with the numbers), the result and its unit. */
    record Step(String name, String formula, String result, String unit) {}

    static SettlementView of(SettlementState s) {
        List<Step> steps = new ArrayList<>();
        JsonNode c = s.calculation();
        if (c != null) {
            add(steps, c.at("/finalAssay/steps"));
            JsonNode price = c.path("price");
            if (!price.isMissingNode()) {
                steps.add(new Step(
                        "price",
                        price.path("rule").asText(),
                        price.has("price")
                                ? price.path("price").asText()
                                : price.at("/average/average").asText(),
                        price.has("unit")
                                ? price.path("unit").asText()
                                : price.at("/average/unit").asText()));
            }
            add(steps, c.at("/calculation/steps"));
            JsonNode balance = c.path("balance");
            if (!balance.isMissingNode()) {
                steps.add(new Step(
                        "balance",
                        "final net " + balance.path("finalNet").asText() + " − provisional invoice "
                                + balance.path("provisionalInvoice").asText() + " "
                                + balance.path("provisionalAmount").asText() + ": a "
                                + balance.path("invoiceType")
                                        .asText()
                                        .toLowerCase()
                                        .replace('_', ' '),
                        balance.path("balance").asText(),
                        s.currency()));
            }
        }
        return new SettlementView(
                s.stage(),
                "PROVISIONAL".equals(s.stage()) ? "Provisional invoice" : "Final settlement",
                s.state(),
                s.reason(),
                s.invoiceNo(),
                s.invoiceType(),
                s.amount(),
                s.currency(),
                steps);
    }

    private static void add(List<Step> steps, JsonNode array) {
        if (array == null || !array.isArray()) {
            return;
        }
        for (JsonNode st : array) {
            steps.add(new Step(
                    st.path("name").asText(),
                    st.path("formula").asText(),
                    st.path("result").asText(),
                    st.path("unit").asText()));
        }
    }
}
