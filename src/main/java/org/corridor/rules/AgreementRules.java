package org.corridor.rules;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.ShippingDocument;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;

/**
 * The rules one document must meet under its agreement, whatever else arrives for the shipment: commodity and HS
 * codes covered, ports allowed, assay values within the quality limits, bulk moisture below the TML, the currency of
 * the financial instrument, and a valid export permit per declaration line. Pure and stateless: the same document and
 * agreement give the same findings (the clock only dates an unfiled declaration for the ledger's quota period). Quotas and permit
 * quantities need running totals and are counted by {@link AllowanceLedger}; checks across documents of a shipment
 * belong to the dossier. See docs/rules.md for every finding and an example text.
 */
public final class AgreementRules {

    /** The shortest code that names goods at all: an HS heading and subheading (six digits). */
    private static final int HS_MIN_DIGITS = 6;
    /** Tonnes to the gram, as the allowance ledger counts them. */
    private static final int PERMIT_SCALE = 6;

    private final Clock clock;
    /** ISO 4217, from the project's reference table (the same one the parsers check currencies against). */
    private final ReferenceData reference;

    public AgreementRules(Clock clock, ReferenceData reference) {
        this.clock = clock;
        this.reference = reference;
    }

    /**
     * The findings of one document against its agreement, in the order of the document's fields; empty when it meets
     * every rule. Rules the agreement gives no data for (no quality limits, no permits, no ports) are skipped.
     */
    public List<Finding> check(CanonicalDocument document, Agreement agreement) {
        List<Finding> findings = new ArrayList<>();
        String name = documentName(document);
        if (document.body() instanceof AssayCertificate certificate) {
            checkAssay(name, certificate, agreement, findings);
        } else if (document.body() instanceof CustomsDeclaration declaration) {
            checkDeclaration(name, declaration, agreement, findings);
        } else if (document.body() instanceof ShippingDocument shipping) {
            checkShipping(name, shipping, agreement, findings);
        } else if (document.body() instanceof Invoice invoice) {
            checkInvoice(name, invoice, agreement, findings);
        }
        return List.copyOf(findings);
    }

    /** The date a declaration is judged on: its own date, or today (by the clock) before it is filed. */
    public LocalDate dateOf(CustomsDeclaration declaration) {
        return declaration.declarationDate() != null ? declaration.declarationDate() : LocalDate.now(clock);
    }

    /**
     * For each line of an export declaration (same order), the permit of the agreement that covers its HS code and is
     * valid on the declaration's date, or null when there is none. Of several, the one naming the longest HS prefix
     * (the most specific), then the first in the agreement. The allowance ledger counts a line's tonnes against it.
     */
    public List<Agreement.Permit> permitsByLine(CustomsDeclaration declaration, Agreement agreement) {
        LocalDate date = dateOf(declaration);
        List<Agreement.Permit> permits = new ArrayList<>();
        for (CustomsDeclaration.Line line : declaration.lines()) {
            permits.add(coveringPermits(line.hsCode(), agreement).stream()
                    .filter(p -> p.validOn(date))
                    .findFirst()
                    .orElse(null));
        }
        return permits;
    }

    /**
     * The tonnes of an export declaration by the number of the permit each line falls under ({@link #permitsByLine}),
     * summed, in the order of the lines; lines under no permit or without a mass are left out. The tonnes the
     * allowance ledger counts against a permit that has a limit.
     */
    public Map<String, BigDecimal> tonnesByPermit(CustomsDeclaration declaration, Agreement agreement) {
        Map<String, BigDecimal> tonnes = new LinkedHashMap<>();
        List<Agreement.Permit> permits = permitsByLine(declaration, agreement);
        for (int i = 0; i < permits.size(); i++) {
            Agreement.Permit permit = permits.get(i);
            if (permit != null) {
                Amounts.lineTonnes(declaration.lines().get(i), PERMIT_SCALE)
                        .ifPresent(t -> tonnes.merge(permit.number(), t, BigDecimal::add));
            }
        }
        return tonnes;
    }

    /** True for a declaration the permit and quota rules apply to: a Pakistan export declaration. */
    public static boolean isPakistanExport(CustomsDeclaration declaration) {
        return "PK".equals(declaration.jurisdiction()) && "EXPORT".equals(declaration.direction());
    }

    // --- assay certificates -------------------------------------------------------------------------------------

    private void checkAssay(String name, AssayCertificate certificate, Agreement agreement, List<Finding> findings) {
        Optional<Agreement.Commodity> commodity = agreement.commodity(certificate.commodity());
        if (commodity.isEmpty()) {
            findings.add(Finding.error(
                    FindingCode.COMMODITY_NOT_COVERED,
                    "body.commodity",
                    name + ": the commodity "
                            + certificate.commodity() + " is not covered by agreement " + agreement.id()
                            + ", which covers "
                            + agreement.commodities().stream()
                                    .map(Agreement.Commodity::code)
                                    .collect(Collectors.joining(", "))
                            + "."));
            return;
        }
        List<AssayResult> results = certificate.results();
        for (int i = 0; i < results.size(); i++) {
            AssayResult result = results.get(i);
            for (Agreement.QualityLimit limit : commodity.get().qualityLimits()) {
                if (applies(limit, result)) {
                    checkLimit(
                            name,
                            "body.results[" + i + "].value",
                            result,
                            limit,
                            agreement,
                            commodity.get().code(),
                            findings);
                }
            }
        }
        if (commodity.get().moisture() != null && commodity.get().moisture().bulk()) {
            checkMoisture(name, results, agreement, commodity.get().code(), findings);
        }
    }

    private static boolean applies(Agreement.QualityLimit limit, AssayResult result) {
        return limit.analyte().equals(result.analyte())
                && (limit.basis() == null || limit.basis().equals(result.basis()))
                && result.value() != null
                && Amounts.convert(result.value(), result.unit(), limit.unit()).isPresent();
    }

    /**
     * A value with qualifier {@code <} is below its detection limit: it exceeds no maximum at or above that value, and
     * it is below a minimum only when the detection limit itself is at or below the minimum. {@code >} mirrors that.
     * Nothing is claimed where the qualifier leaves it open.
     */
    private static void checkLimit(
            String name,
            String field,
            AssayResult result,
            Agreement.QualityLimit limit,
            Agreement agreement,
            String commodity,
            List<Finding> findings) {
        BigDecimal value =
                Amounts.convert(result.value(), result.unit(), limit.unit()).orElseThrow();
        String qualifier = result.qualifier() == null ? "" : result.qualifier();
        String subject =
                name + ", " + lotAndSample(result) + ": " + result.analyte() + " " + shown(result, value, limit.unit());
        String tail = " of agreement " + agreement.id() + " for " + commodity;
        if (limit.rejection() != null && above(value, qualifier, limit.rejection())) {
            findings.add(Finding.error(
                    FindingCode.QUALITY_REJECTED,
                    field,
                    subject + " is above the rejection limit "
                            + Amounts.plain(limit.rejection()) + " " + Amounts.symbol(limit.unit()) + tail
                            + "; the lot may be refused."));
        } else if (limit.penalty() != null && above(value, qualifier, limit.penalty())) {
            findings.add(Finding.warning(
                    FindingCode.QUALITY_PENALTY,
                    field,
                    subject
                            + " is above the penalty threshold " + Amounts.plain(limit.penalty()) + " "
                            + Amounts.symbol(limit.unit()) + tail + "; the buyer deducts a penalty."));
        }
        if (limit.minimum() != null && below(value, qualifier, limit.minimum())) {
            findings.add(Finding.error(
                    FindingCode.QUALITY_BELOW_MINIMUM,
                    field,
                    subject
                            + " is below the minimum grade " + Amounts.plain(limit.minimum()) + " "
                            + Amounts.symbol(limit.unit()) + tail + "."));
        }
    }

    private static boolean above(BigDecimal value, String qualifier, BigDecimal maximum) {
        return switch (qualifier) {
            case "<" -> false;
            case ">" -> value.compareTo(maximum) >= 0;
            default -> value.compareTo(maximum) > 0;
        };
    }

    private static boolean below(BigDecimal value, String qualifier, BigDecimal minimum) {
        return switch (qualifier) {
            case "<" -> value.compareTo(minimum) <= 0;
            case ">" -> false;
            default -> value.compareTo(minimum) < 0;
        };
    }

    /** "As 0.21 % (dry)", and when the limit is in another unit, the converted value beside it. */
    private static String shown(AssayResult result, BigDecimal converted, String limitUnit) {
        String written = (result.qualifier() == null ? "" : result.qualifier()) + Amounts.plain(result.value()) + " "
                + Amounts.symbol(result.unit());
        List<String> notes = new ArrayList<>();
        if (!limitUnit.equals(result.unit())) {
            notes.add("= " + (result.qualifier() == null ? "" : result.qualifier()) + Amounts.computed(converted) + " "
                    + Amounts.symbol(limitUnit));
        }
        if (result.basis() != null) {
            notes.add("DRY".equals(result.basis()) ? "dry" : "as received");
        }
        return notes.isEmpty() ? written : written + " (" + String.join(", ", notes) + ")";
    }

    private static String lotAndSample(AssayResult result) {
        String lot = result.lotNo() != null ? "lot " + result.lotNo() : "no lot";
        return result.sampleId() != null ? lot + " (sample " + result.sampleId() + ")" : lot;
    }

    /**
     * IMSBC Group A in bulk: every lot needs its moisture (H2O) and its TML, and the moisture must be below the TML.
     * Of several samples of a lot, the wettest one is held against the lowest TML.
     */
    private static void checkMoisture(
            String name, List<AssayResult> results, Agreement agreement, String commodity, List<Finding> findings) {
        Map<String, List<Integer>> lots = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            lots.computeIfAbsent(results.get(i).lotNo(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> lot : lots.entrySet()) {
            String lotName = lot.getKey() != null ? "lot " + lot.getKey() : "the lot without a number";
            Optional<Integer> wettest = lot.getValue().stream()
                    .filter(i -> isPct(results.get(i), "H2O"))
                    .max(Comparator.comparing(i -> results.get(i).value()));
            Optional<Integer> lowestTml = lot.getValue().stream()
                    .filter(i -> isPct(results.get(i), "TML"))
                    .min(Comparator.comparing(i -> results.get(i).value()));
            if (wettest.isEmpty() || lowestTml.isEmpty()) {
                String missing = wettest.isEmpty() && lowestTml.isEmpty()
                        ? "no moisture (H2O) and no TML"
                        : wettest.isEmpty() ? "no moisture (H2O)" : "no transportable moisture limit (TML)";
                findings.add(Finding.warning(
                        FindingCode.MOISTURE_MISSING,
                        "body.results",
                        name + ", " + lotName
                                + ": the certificate gives " + missing + ". Agreement " + agreement.id() + " ships "
                                + commodity + " in bulk only with the moisture below the TML; a separate moisture"
                                + " certificate may follow."));
                continue;
            }
            AssayResult h2o = results.get(wettest.get());
            AssayResult tml = results.get(lowestTml.get());
            if (h2o.value().compareTo(tml.value()) >= 0) {
                findings.add(Finding.error(
                        FindingCode.MOISTURE_ABOVE_TML,
                        "body.results[" + wettest.get() + "].value",
                        name + ", " + lotName + ": the moisture H2O " + Amounts.plain(h2o.value())
                                + " % is not below the transportable moisture limit TML "
                                + Amounts.plain(tml.value()) + " %. " + commodity + " in bulk may liquefy at sea"
                                + " and must not be loaded under agreement " + agreement.id() + "."));
            }
        }
    }

    private static boolean isPct(AssayResult result, String analyte) {
        return analyte.equals(result.analyte()) && "PCT".equals(result.unit()) && result.value() != null;
    }

    // --- customs declarations -----------------------------------------------------------------------------------

    private void checkDeclaration(
            String name, CustomsDeclaration declaration, Agreement agreement, List<Finding> findings) {
        for (int i = 0; i < declaration.lines().size(); i++) {
            CustomsDeclaration.Line line = declaration.lines().get(i);
            checkHs(
                    name + ", line " + lineNo(line.lineNo(), i),
                    "body.lines[" + i + "].hsCode",
                    line.hsCode(),
                    agreement,
                    findings);
        }
        checkPort(
                name,
                "body.portOfLoading",
                "port of loading",
                declaration.portOfLoading(),
                loading(agreement),
                agreement,
                findings);
        checkPort(
                name,
                "body.portOfDischarge",
                "port of discharge",
                declaration.portOfDischarge(),
                discharge(agreement),
                agreement,
                findings);
        checkDeclarationCurrency(name, declaration, findings);
        if (isPakistanExport(declaration) && !agreement.permits().isEmpty()) {
            checkPermits(name, declaration, agreement, findings);
        }
    }

    private void checkDeclarationCurrency(String name, CustomsDeclaration declaration, List<Finding> findings) {
        String currency = declaration.currency();
        if (currency != null && !reference.isCurrency(currency)) {
            findings.add(Finding.error(
                    FindingCode.CURRENCY_MISMATCH,
                    "body.currency",
                    name + ": the currency \"" + currency + "\" is not an ISO 4217 currency code such as USD or PKR."));
            return;
        }
        CustomsDeclaration.FinancialInstrument fi = declaration.financialInstrument();
        if (currency != null
                && fi != null
                && fi.currency() != null
                && !fi.currency().equals(currency)) {
            findings.add(Finding.error(
                    FindingCode.CURRENCY_MISMATCH,
                    "body.financialInstrument.currency",
                    name
                            + ": the declared currency " + currency + " is not the currency " + fi.currency()
                            + " of the financial instrument " + instrumentName(fi)
                            + ". In Pakistan the invoice must be in the currency of the financial instrument."));
        }
    }

    private static String instrumentName(CustomsDeclaration.FinancialInstrument fi) {
        if (fi.number() == null) {
            return fi.type() != null ? "(" + fi.type() + ")" : "";
        }
        return fi.number() + (fi.type() != null ? " (" + fi.type() + ")" : "");
    }

    private void checkPermits(
            String name, CustomsDeclaration declaration, Agreement agreement, List<Finding> findings) {
        // a worksheet not yet filed has no declaration date: the permit's validity is judged on the filed
        // declaration, so the same file gives the same findings on any day (convert, validate, replays)
        LocalDate date = declaration.declarationDate();
        for (int i = 0; i < declaration.lines().size(); i++) {
            CustomsDeclaration.Line line = declaration.lines().get(i);
            if (line.hsCode() == null) {
                continue;
            }
            String field = "body.lines[" + i + "].hsCode";
            String subject = name + ", line " + lineNo(line.lineNo(), i);
            if (!hsAllowed(line.hsCode(), agreement)) {
                // already an HS_NOT_ALLOWED error: no permit under this agreement could cover goods it does not cover
                continue;
            }
            List<Agreement.Permit> covering = coveringPermits(line.hsCode(), agreement);
            if (covering.isEmpty()) {
                findings.add(Finding.error(
                        FindingCode.PERMIT_MISSING,
                        field,
                        subject + ": no export permit of" + " agreement " + agreement.id() + " covers HS code "
                                + line.hsCode() + "."));
            } else if (date != null && covering.stream().noneMatch(p -> p.validOn(date))) {
                String permits = covering.stream()
                        .map(p -> p.number() + " (valid " + validity(p) + ")")
                        .collect(Collectors.joining(" and "));
                findings.add(Finding.error(
                        FindingCode.PERMIT_NOT_VALID,
                        field,
                        subject + ": export permit"
                                + (covering.size() > 1 ? "s " : " ") + permits + " for HS code " + line.hsCode()
                                + (covering.size() > 1 ? " are" : " is") + " not valid on the declaration date " + date
                                + "."));
            }
        }
    }

    private static String validity(Agreement.Permit permit) {
        return "from " + permit.validFrom() + (permit.validTo() != null ? " to " + permit.validTo() : "");
    }

    private static List<Agreement.Permit> coveringPermits(String hsCode, Agreement agreement) {
        if (hsCode == null) {
            return List.of();
        }
        return agreement.permits().stream()
                .filter(p -> p.coversHs(hsCode))
                .sorted(Comparator.comparingInt((Agreement.Permit p) -> -longestPrefix(p, hsCode)))
                .toList();
    }

    private static int longestPrefix(Agreement.Permit permit, String hsCode) {
        return permit.hsCodes().stream()
                .filter(hsCode::startsWith)
                .mapToInt(String::length)
                .max()
                .orElse(0);
    }

    // --- shipping instructions, bills of lading, invoices -------------------------------------------------------

    private static void checkShipping(
            String name, ShippingDocument shipping, Agreement agreement, List<Finding> findings) {
        for (int i = 0; i < shipping.goods().size(); i++) {
            ShippingDocument.Goods goods = shipping.goods().get(i);
            checkHs(
                    name + ", goods line " + lineNo(goods.lineNo(), i),
                    "body.goods[" + i + "].hsCode",
                    goods.hsCode(),
                    agreement,
                    findings);
        }
        checkPort(
                name,
                "body.portOfLoading",
                "port of loading",
                shipping.portOfLoading(),
                loading(agreement),
                agreement,
                findings);
        checkPort(
                name,
                "body.portOfDischarge",
                "port of discharge",
                shipping.portOfDischarge(),
                discharge(agreement),
                agreement,
                findings);
        // goods may be delivered at the port of discharge itself, or carried on to an inland place of delivery
        List<String> delivery = new ArrayList<>(delivery(agreement));
        delivery.addAll(discharge(agreement));
        checkPort(
                name,
                "body.placeOfDelivery",
                "place of delivery",
                shipping.placeOfDelivery(),
                delivery,
                agreement,
                findings);
    }

    private void checkInvoice(String name, Invoice invoice, Agreement agreement, List<Finding> findings) {
        for (int i = 0; i < invoice.lines().size(); i++) {
            Invoice.Line line = invoice.lines().get(i);
            checkHs(
                    name + ", line " + lineNo(line.lineNo(), i),
                    "body.lines[" + i + "].hsCode",
                    line.hsCode(),
                    agreement,
                    findings);
        }
        if (invoice.currency() != null && !reference.isCurrency(invoice.currency())) {
            findings.add(Finding.error(
                    FindingCode.CURRENCY_MISMATCH,
                    "body.currency",
                    name + ": the currency \""
                            + invoice.currency()
                            + "\" is not an ISO 4217 currency code such as USD or PKR, so it cannot be"
                            + " the currency of the financial instrument."));
        }
    }

    // --- shared -------------------------------------------------------------------------------------------------

    /**
     * An HS code is allowed when a covered commodity's export code is a prefix of it (Pakistan's 8-digit tariff under
     * the 6-digit heading), or, on the US side, when it and one of the commodity's 10-digit HTS codes are the same or
     * one is a prefix of the other. A code shorter than six digits names no goods and is not allowed.
     */
    private static void checkHs(
            String subject, String field, String hsCode, Agreement agreement, List<Finding> findings) {
        if (hsCode == null) {
            return;
        }
        if (hsAllowed(hsCode, agreement)) {
            return;
        }
        findings.add(Finding.error(
                FindingCode.HS_NOT_ALLOWED,
                field,
                subject + ": HS code " + hsCode
                        + " is not allowed under agreement " + agreement.id() + " (export codes under "
                        + agreement.commodities().stream()
                                .flatMap(c -> c.hsExport().stream())
                                .collect(Collectors.joining(", "))
                        + "; import codes "
                        + agreement.commodities().stream()
                                .flatMap(c -> c.hsImport().stream())
                                .collect(Collectors.joining(", "))
                        + ")."));
    }

    private static boolean hsAllowed(String hsCode, Agreement agreement) {
        return hsCode.length() >= HS_MIN_DIGITS
                && agreement.commodityOfHs(hsCode).isPresent();
    }

    private static void checkPort(
            String name,
            String field,
            String role,
            String locode,
            List<String> allowed,
            Agreement agreement,
            List<Finding> findings) {
        if (locode == null || agreement.ports() == null || allowed.isEmpty() || allowed.contains(locode)) {
            return;
        }
        findings.add(Finding.error(
                FindingCode.PORT_NOT_ALLOWED,
                field,
                name + ": the " + role + " " + locode
                        + " is not allowed under agreement " + agreement.id() + " (allowed: "
                        + String.join(", ", allowed)
                        + ")."));
    }

    private static List<String> loading(Agreement agreement) {
        return agreement.ports() == null || agreement.ports().loading() == null
                ? List.of()
                : agreement.ports().loading();
    }

    private static List<String> discharge(Agreement agreement) {
        return agreement.ports() == null || agreement.ports().discharge() == null
                ? List.of()
                : agreement.ports().discharge();
    }

    private static List<String> delivery(Agreement agreement) {
        return agreement.ports() == null || agreement.ports().delivery() == null
                ? List.of()
                : agreement.ports().delivery();
    }

    private static String lineNo(Integer lineNo, int index) {
        return String.valueOf(lineNo != null ? lineNo : index + 1);
    }

    /** How a clerk names the document: its kind and its own number ("Certificate KHILAB-CU-2025-0147"). */
    static String documentName(CanonicalDocument document) {
        String number = null;
        if (document.body() instanceof AssayCertificate a) {
            number = a.certificateNo();
        } else if (document.body() instanceof CustomsDeclaration d) {
            number = d.declarationNo() != null
                    ? d.declarationNo()
                    : d.invoiceNo() != null ? "for invoice " + d.invoiceNo() : null;
        } else if (document.body() instanceof ShippingDocument s) {
            number = s.documentNo() != null ? s.documentNo() : s.blNo();
        } else if (document.body() instanceof Invoice i) {
            number = i.invoiceNo();
        }
        String kind = switch (document.kind()) {
            case ASSAY_CERTIFICATE -> "Certificate";
            case CUSTOMS_DECLARATION -> "Declaration";
            case SHIPPING_INSTRUCTION -> "Shipping instruction";
            case BILL_OF_LADING -> "Bill of lading";
            case INVOICE -> "Invoice";
            default -> document.kind().name();
        };
        if (number == null) {
            number = document.documentId();
        }
        return number == null ? kind : kind + " " + number;
    }
}
