package org.corridor.settlement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.Quantity;

/**
 * The invoices a settlement issues, as canonical INVOICE documents filed under their shipment: one line for the
 * paid content (its quantity the dry tonnes, so the dossier's dry-weight check sees it), one per charge and penalty
 * (negative), and one for what the invoice holds back (provisional) or what was invoiced before (final). The lines
 * add up to the total, the amount due. A credit note has one line, the amount credited (its working is on the
 * dossier): a credit note's lines are what it credits.
 */
final class SettlementInvoices {

    private SettlementInvoices() {}

    static CanonicalDocument provisional(
            SettlementInputs in, SettlementCalculator.Calculation calc, String invoiceNo, LocalDate issueDate) {
        List<Invoice.Line> lines = calculationLines(in, calc);
        BigDecimal held = calc.net().subtract(calc.provisionalAmount());
        lines.add(line(
                lines.size() + 1,
                "Held until the final invoice: "
                        + SettlementService.money(BigDecimal.valueOf(100).subtract(calc.provisionalPct()))
                        + " % of the net " + SettlementService.money(calc.net()),
                held.negate()));
        return document(in, invoiceNo, "PROVISIONAL", issueDate, lines, calc.provisionalAmount());
    }

    static CanonicalDocument balance(
            SettlementInputs in,
            SettlementCalculator.Calculation calc,
            Balance balance,
            String invoiceNo,
            String provisionalNo,
            BigDecimal provisionalAmount,
            LocalDate issueDate) {
        List<Invoice.Line> lines;
        if (Balance.CREDIT_NOTE.equals(balance.invoiceType())) {
            // a credit note's lines are what is credited: one line, the working is on the dossier
            lines = List.of(line(
                    1,
                    "Final settlement: final net " + SettlementService.money(calc.net()) + " less provisional invoice "
                            + provisionalNo + " " + SettlementService.money(provisionalAmount),
                    balance.amount()));
        } else {
            lines = calculationLines(in, calc);
            lines.add(line(lines.size() + 1, "Less provisional invoice " + provisionalNo, provisionalAmount.negate()));
        }
        return document(in, invoiceNo, balance.invoiceType(), issueDate, lines, balance.amount());
    }

    private static List<Invoice.Line> calculationLines(SettlementInputs in, SettlementCalculator.Calculation calc) {
        List<Invoice.Line> lines = new ArrayList<>();
        String hs = in.agreement()
                .commodity(in.commodity())
                .flatMap(c -> c.hsExport().stream().findFirst())
                .orElse(null);
        String paid = in.paidAnalyte().orElse(in.commodity());
        lines.add(new Invoice.Line(
                1,
                "Payable " + paid + " " + calc.payable().stripTrailingZeros().toPlainString() + " % of "
                        + calc.dmt().toPlainString() + " dmt = "
                        + calc.payableQuantity().toPlainString() + " t",
                hs,
                new Quantity(calc.dmt(), "T", "DRY"),
                calc.price(),
                calc.value()));
        if (calc.tc() != null && calc.tc().signum() != 0) {
            lines.add(line(
                    lines.size() + 1,
                    "Treatment charge " + in.terms().tcPerDmt().toPlainString() + " per dmt",
                    calc.tc().negate()));
        }
        if (calc.rc() != null && calc.rc().signum() != 0) {
            lines.add(line(
                    lines.size() + 1,
                    "Refining charge " + in.terms().rcPerLb().toPlainString() + " per payable lb",
                    calc.rc().negate()));
        }
        for (SettlementCalculator.PenaltyCharge p : calc.penaltyCharges()) {
            if (p.amount().signum() != 0) {
                lines.add(line(
                        lines.size() + 1,
                        "Penalty " + p.analyte() + " " + p.value().toPlainString() + " above "
                                + p.threshold().toPlainString() + " ("
                                + p.steps().toPlainString() + " steps)",
                        p.amount().negate()));
            }
        }
        return lines;
    }

    private static Invoice.Line line(int no, String description, BigDecimal amount) {
        return new Invoice.Line(no, description, null, null, null, amount);
    }

    private static CanonicalDocument document(
            SettlementInputs in,
            String invoiceNo,
            String type,
            LocalDate issueDate,
            List<Invoice.Line> lines,
            BigDecimal total) {
        Agreement agreement = in.agreement();
        Invoice body = new Invoice(
                invoiceNo,
                type,
                issueDate,
                party(agreement, "EXPORTER"),
                party(agreement, "BUYER"),
                in.contractRef(),
                in.terms().currency(),
                agreement.incoterm(),
                lines,
                total);
        return new CanonicalDocument(
                CanonicalDocument.SCHEMA, body.kind(), invoiceNo, null, null, in.shipmentRef(), body);
    }

    private static Party party(Agreement agreement, String role) {
        return agreement.parties().stream()
                .filter(p -> p.roles().contains(role))
                .findFirst()
                .map(p -> new Party(p.name(), p.country(), p.ids()))
                .orElse(null);
    }
}
