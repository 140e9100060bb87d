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
            JsonNode in = c.path("inputs");
            if (!in.path("billOfLading").isMissingNode()) {
                steps.add(new Step(
                        "bill of lading",
                        in.path("billOfLading").asText() + ", shipped on board "
                                + in.path("blDate").asText() + ": net weight of its goods lines",
                        in.path("wmt").asText(),
                        "wmt"));
            }
            for (String party : List.of("seller", "buyer", "umpire")) {
                JsonNode a = in.path(party + "Assay");
                if (a.isObject() && a.has("certificates")) {
                    List<String> values = new ArrayList<>();
                    a.path("values")
                            .fields()
                            .forEachRemaining(e ->
                                    values.add(e.getKey() + " " + e.getValue().asText()));
                    if (a.has("H2O")) {
                        values.add("H2O " + a.path("H2O").asText());
                    }
                    List<String> certificates = new ArrayList<>();
                    a.path("certificates").forEach(x -> certificates.add(x.asText()));
                    steps.add(new Step(
                            party + "'s assay",
                            String.join(", ", certificates) + " ("
                                    + a.path("averaged").asText() + ")",
                            String.join("; ", values),
                            "%"));
                }
            }
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
