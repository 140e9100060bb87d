package org.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.corridor.rules.RuleFixtures.SAMPLE;
import static org.corridor.rules.RuleFixtures.certificate;
import static org.corridor.rules.RuleFixtures.clockAt;
import static org.corridor.rules.RuleFixtures.declaration;
import static org.corridor.rules.RuleFixtures.document;
import static org.corridor.rules.RuleFixtures.line;
import static org.corridor.rules.RuleFixtures.result;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ShippingDocument;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;
import org.corridor.problem.Severity;
import org.junit.jupiter.api.Test;

/** Each agreement rule on one document, with its edges; every finding's code, severity, field and text. */
class AgreementRulesTest {

    private static final String AGREEMENT = " of agreement PK-US-CM-2025 for ";
    private static final CustomsDeclaration.FinancialInstrument LC_USD =
            new CustomsDeclaration.FinancialInstrument("LC", "LC-1", "National Bank of Pakistan", "USD");

    private final AgreementRules rules = new AgreementRules(clockAt("2025-10-15"), REFERENCE);

    /** A copper certificate for lot L1 with these results, then its moisture (8.4 %) and TML (10.2 %). */
    private static CanonicalDocument copper(AssayResult... results) {
        List<AssayResult> all = new ArrayList<>(Arrays.asList(results));
        all.add(result("L1", "H2O", "8.4", null, "PCT", "AS_RECEIVED"));
        all.add(result("L1", "TML", "10.2", null, "PCT", "AS_RECEIVED"));
        return certificate("CU_CONC", all.toArray(AssayResult[]::new));
    }

    private static Finding finding(FindingCode code, Severity severity, String field, String text) {
        return new Finding(code.name(), severity, text, field);
    }

    // --- commodity ---

    @Test
    void refusesACommodityTheAgreementDoesNotCover() {
        assertThat(rules.check(certificate("REE_CONC", result("L1", "TREO", "60", null, "PCT", "DRY")), SAMPLE))
                .containsExactly(finding(
                        FindingCode.COMMODITY_NOT_COVERED,
                        Severity.ERROR,
                        "body.commodity",
                        "Certificate CERT-1: the commodity REE_CONC is not covered by agreement PK-US-CM-2025, which"
                                + " covers CU_CONC, SB_CONC, SB_INGOT, NDPR_OXIDE."));
    }

    // --- quality limits ---

    @Test
    void warnsAboveThePenaltyThreshold() {
        assertThat(rules.check(copper(result("L1", "As", "0.35", null, "PCT", "DRY")), SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_PENALTY,
                        Severity.WARNING,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): As 0.35 % (dry) is above the penalty threshold"
                                + " 0.20 %" + AGREEMENT + "CU_CONC; the buyer deducts a penalty."));
    }

    @Test
    void refusesAboveTheRejectionLimitWithoutAlsoWarningOfThePenalty() {
        assertThat(rules.check(
                        copper(
                                result("L1", "Cu", "24.1", null, "PCT", "DRY"),
                                result("L1", "As", "0.62", null, "PCT", "DRY")),
                        SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_REJECTED,
                        Severity.ERROR,
                        "body.results[1].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): As 0.62 % (dry) is above the rejection limit"
                                + " 0.50 %" + AGREEMENT + "CU_CONC; the lot may be refused."));
    }

    @Test
    void aValueExactlyAtALimitIsNotAboveIt() {
        assertThat(rules.check(
                        copper(
                                result("L1", "As", "0.20", null, "PCT", "DRY"),
                                result("L1", "Cu", "18.0", null, "PCT", "DRY")),
                        SAMPLE))
                .isEmpty();
        assertThat(rules.check(copper(result("L1", "As", "0.50", null, "PCT", "DRY")), SAMPLE))
                .extracting(Finding::code)
                .containsExactly("QUALITY_PENALTY");
    }

    @Test
    void convertsPercentToPpmForALimitInPpm() {
        assertThat(rules.check(copper(result("L1", "Sb", "0.35", null, "PCT", "DRY")), SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_REJECTED,
                        Severity.ERROR,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): Sb 0.35 % (= 3500 ppm, dry) is above the"
                                + " rejection limit 3000 ppm" + AGREEMENT + "CU_CONC; the lot may be refused."));
    }

    @Test
    void convertsPpmToPercentForALimitInPercent() {
        assertThat(rules.check(copper(result("L1", "Pb", "12000", null, "PPM", "DRY")), SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_PENALTY,
                        Severity.WARNING,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): Pb 12000 ppm (= 1.2 %, dry) is above the"
                                + " penalty threshold 1.0 %" + AGREEMENT + "CU_CONC; the buyer deducts a penalty."));
    }

    @Test
    void gramsPerTonneArePartsPerMillion() {
        assertThat(rules.check(certificate("NDPR_OXIDE", result("L1", "Fe", "150", null, "G_PER_T", null)), SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_PENALTY,
                        Severity.WARNING,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): Fe 150 g/t (= 150 ppm) is above the penalty"
                                + " threshold 100 ppm" + AGREEMENT + "NDPR_OXIDE; the buyer deducts a penalty."));
    }

    @Test
    void aLimitOnADryBasisIgnoresAsReceivedResults() {
        assertThat(rules.check(copper(result("L1", "As", "0.62", null, "PCT", "AS_RECEIVED")), SAMPLE))
                .isEmpty();
    }

    @Test
    void aLimitWithoutBasisAppliesToAnyBasis() {
        assertThat(rules.check(
                        certificate("NDPR_OXIDE", result("L1", "Fe", "600", null, "PPM", "AS_RECEIVED")), SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_REJECTED,
                        Severity.ERROR,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): Fe 600 ppm (as received) is"
                                + " above the rejection limit 500 ppm" + AGREEMENT
                                + "NDPR_OXIDE; the lot may be refused."));
    }

    @Test
    void aValueBelowItsDetectionLimitNeverExceedsAMaximum() {
        // Hg < 0.5 ppm is below every Hg limit; Hg < 60 ppm might be anything under 60: nothing is claimed
        assertThat(rules.check(
                        copper(
                                result("L1", "Hg", "0.5", "<", "PPM", "DRY"),
                                result("L1", "Hg", "10", "<", "PPM", "DRY"),
                                result("L1", "Hg", "60", "<", "PPM", "DRY")),
                        SAMPLE))
                .isEmpty();
    }

    @Test
    void aValueBelowADetectionLimitUnderTheMinimumIsBelowTheMinimum() {
        assertThat(rules.check(
                        copper(
                                result("L1", "Cu", "15", "<", "PCT", "DRY"),
                                result("L1", "Cu", "20", "<", "PCT", "DRY")),
                        SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_BELOW_MINIMUM,
                        Severity.ERROR,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L1 (sample S-L1): Cu <15 % (dry) is below the minimum grade 18.0 %"
                                + AGREEMENT + "CU_CONC."));
    }

    @Test
    void aValueAboveADetectionLimitAtTheRejectionLimitIsRejected() {
        assertThat(rules.check(copper(result("L1", "As", "0.50", ">", "PCT", "DRY")), SAMPLE))
                .extracting(Finding::code, Finding::severity)
                .containsExactly(tuple("QUALITY_REJECTED", Severity.ERROR));
    }

    @Test
    void refusesAGradeBelowTheMinimum() {
        assertThat(rules.check(certificate("SB_INGOT", result("L9", "Sb", "99.60", null, "PCT", "DRY")), SAMPLE))
                .containsExactly(finding(
                        FindingCode.QUALITY_BELOW_MINIMUM,
                        Severity.ERROR,
                        "body.results[0].value",
                        "Certificate CERT-1, lot L9 (sample S-L9): Sb 99.60 % (dry) is below the minimum grade"
                                + " 99.65 %" + AGREEMENT + "SB_INGOT."));
    }

    @Test
    void anAgreementWithoutQualityLimitsChecksNone() {
        Agreement plain = RuleFixtures.variant(
                "PLAIN",
                List.of(new Agreement.Commodity("CU_CONC", "Copper", List.of("260300"), List.of("2603000010"))),
                List.of(),
                List.of());
        assertThat(rules.check(certificate("CU_CONC", result("L1", "As", "5", null, "PCT", "DRY")), plain))
                .isEmpty();
    }

    // --- moisture ---

    @Test
    void warnsWhenABulkLotHasNoTml() {
        CanonicalDocument cert = certificate(
                "CU_CONC",
                result("L1", "Cu", "24", null, "PCT", "DRY"),
                result("L1", "H2O", "8.4", null, "PCT", "AS_RECEIVED"),
                result("L2", "Cu", "24", null, "PCT", "DRY"));
        assertThat(rules.check(cert, SAMPLE))
                .containsExactly(
                        finding(
                                FindingCode.MOISTURE_MISSING,
                                Severity.WARNING,
                                "body.results",
                                "Certificate CERT-1, lot L1:"
                                        + " the certificate gives no transportable moisture limit (TML). Agreement PK-US-CM-2025"
                                        + " ships CU_CONC in bulk only with the moisture below the TML; a separate moisture"
                                        + " certificate may follow."),
                        finding(
                                FindingCode.MOISTURE_MISSING,
                                Severity.WARNING,
                                "body.results",
                                "Certificate CERT-1, lot L2:"
                                        + " the certificate gives no moisture (H2O) and no TML. Agreement PK-US-CM-2025 ships CU_CONC"
                                        + " in bulk only with the moisture below the TML; a separate moisture certificate may"
                                        + " follow."));
    }

    @Test
    void refusesMoistureAtTheTml() {
        CanonicalDocument cert = certificate(
                "CU_CONC",
                result("L1", "Cu", "24", null, "PCT", "DRY"),
                result("L1", "H2O", "10.2", null, "PCT", "AS_RECEIVED"),
                result("L1", "TML", "10.2", null, "PCT", "AS_RECEIVED"));
        assertThat(rules.check(cert, SAMPLE))
                .containsExactly(finding(
                        FindingCode.MOISTURE_ABOVE_TML,
                        Severity.ERROR,
                        "body.results[1].value",
                        "Certificate CERT-1, lot L1: the moisture H2O 10.2 % is not below the"
                                + " transportable moisture limit TML 10.2 %. CU_CONC in bulk may liquefy at sea and must"
                                + " not be loaded under agreement PK-US-CM-2025."));
    }

    @Test
    void acceptsMoistureJustBelowTheTml() {
        CanonicalDocument cert = certificate(
                "CU_CONC",
                result("L1", "H2O", "10.1", null, "PCT", "AS_RECEIVED"),
                result("L1", "TML", "10.2", null, "PCT", "AS_RECEIVED"));
        assertThat(rules.check(cert, SAMPLE)).isEmpty();
    }

    @Test
    void aCommodityWithoutTheBulkMoistureRuleNeedsNoMoisture() {
        assertThat(rules.check(certificate("SB_CONC", result("L1", "Sb", "58.6", null, "PCT", "DRY")), SAMPLE))
                .isEmpty();
    }

    // --- HS codes ---

    @Test
    void refusesADeclarationLineWhoseHsCodeTheAgreementDoesNotCover() {
        CustomsDeclaration d = declaration(
                "GD-1", LocalDate.of(2025, 10, 14), "USD", LC_USD, line(1, "26030000", "20"), line(2, "74031100", "5"));
        assertThat(rules.check(document("D-1", d), SAMPLE))
                .containsExactly(finding(
                        FindingCode.HS_NOT_ALLOWED,
                        Severity.ERROR,
                        "body.lines[1].hsCode",
                        "Declaration GD-1, line 2: HS code 74031100 is not allowed"
                                + " under agreement PK-US-CM-2025 (export codes under 260300, 261710, 811010, 284690; import"
                                + " codes 2603000010, 2617100000, 8110100000, 2846902010, 2846908010)."));
    }

    @Test
    void acceptsUsImportCodesAndRefusesOthersOnAnInvoice() {
        Invoice invoice = new Invoice(
                "INV-7",
                "COMMERCIAL",
                LocalDate.of(2025, 10, 20),
                null,
                null,
                null,
                "USD",
                null,
                List.of(
                        invoiceLine(1, "2846902010"),
                        invoiceLine(2, "260300"),
                        invoiceLine(3, "7403110000"),
                        invoiceLine(4, "2603")),
                new BigDecimal("4"));
        assertThat(rules.check(CanonicalDocument.of("D-2", null, invoice), SAMPLE))
                .extracting(Finding::code, Finding::field)
                .containsExactly(
                        tuple("HS_NOT_ALLOWED", "body.lines[2].hsCode"),
                        tuple("HS_NOT_ALLOWED", "body.lines[3].hsCode"));
    }

    // --- ports ---

    @Test
    void refusesAPortOfLoadingTheAgreementDoesNotAllow() {
        CustomsDeclaration d =
                declaration("GD-1", LocalDate.of(2025, 10, 14), "USD", LC_USD, line(1, "26030000", "20"));
        CustomsDeclaration fromLahore = new CustomsDeclaration(
                d.jurisdiction(),
                d.direction(),
                d.procedure(),
                d.declarationNo(),
                d.declarationDate(),
                d.exporter(),
                d.consignee(),
                d.declarant(),
                "PKLHE",
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                d.financialInstrument(),
                d.lines(),
                d.containers());
        assertThat(rules.check(document("D-1", fromLahore), SAMPLE))
                .containsExactly(finding(
                        FindingCode.PORT_NOT_ALLOWED,
                        Severity.ERROR,
                        "body.portOfLoading",
                        "Declaration GD-1: the port of"
                                + " loading PKLHE is not allowed under agreement PK-US-CM-2025 (allowed: PKKHI, PKBQM,"
                                + " PKGWD)."));
    }

    @Test
    void checksTheBillOfLadingsPortsAndLetsGoodsBeDeliveredAtAPortOfDischarge() {
        CanonicalDocument atHouston =
                CanonicalDocument.of("D-3", null, DocumentKind.BILL_OF_LADING, billOfLading("PKBQM", "USHOU", "USHOU"));
        assertThat(rules.check(atHouston, SAMPLE)).isEmpty();

        CanonicalDocument wrong =
                CanonicalDocument.of("D-4", null, DocumentKind.BILL_OF_LADING, billOfLading("PKBQM", "USNYC", "USCHI"));
        assertThat(rules.check(wrong, SAMPLE))
                .containsExactly(
                        finding(
                                FindingCode.PORT_NOT_ALLOWED,
                                Severity.ERROR,
                                "body.portOfDischarge",
                                "Bill of lading BL-1:"
                                        + " the port of discharge USNYC is not allowed under agreement PK-US-CM-2025 (allowed:"
                                        + " USHOU, USMSY, USBAL)."),
                        finding(
                                FindingCode.PORT_NOT_ALLOWED,
                                Severity.ERROR,
                                "body.placeOfDelivery",
                                "Bill of lading BL-1:"
                                        + " the place of delivery USCHI is not allowed under agreement PK-US-CM-2025 (allowed:"
                                        + " USSTL, USHOU, USMSY, USBAL)."));
    }

    // --- currency ---

    @Test
    void refusesADeclarationInAnotherCurrencyThanItsFinancialInstrument() {
        CustomsDeclaration d =
                declaration("GD-1", LocalDate.of(2025, 10, 14), "EUR", LC_USD, line(1, "26030000", "20"));
        assertThat(rules.check(document("D-1", d), SAMPLE))
                .containsExactly(finding(
                        FindingCode.CURRENCY_MISMATCH,
                        Severity.ERROR,
                        "body.financialInstrument.currency",
                        "Declaration GD-1: the declared currency EUR is"
                                + " not the currency USD of the financial instrument LC-1 (LC). In Pakistan the invoice must"
                                + " be in the currency of the financial instrument."));
    }

    @Test
    void aFinancialInstrumentWithoutCurrencyIsNotCompared() {
        CustomsDeclaration d = declaration(
                "GD-1",
                LocalDate.of(2025, 10, 14),
                "EUR",
                new CustomsDeclaration.FinancialInstrument("LC", "LC-1", "NBP"),
                line(1, "26030000", "20"));
        assertThat(rules.check(document("D-1", d), SAMPLE)).isEmpty();
    }

    @Test
    void refusesAnInvoiceCurrencyThatIsNotIso4217() {
        Invoice invoice = new Invoice(
                "INV-7",
                "COMMERCIAL",
                LocalDate.of(2025, 10, 20),
                null,
                null,
                null,
                "US$",
                null,
                List.of(invoiceLine(1, "260300")),
                BigDecimal.ONE);
        assertThat(rules.check(CanonicalDocument.of("D-2", null, invoice), SAMPLE))
                .containsExactly(finding(
                        FindingCode.CURRENCY_MISMATCH,
                        Severity.ERROR,
                        "body.currency",
                        "Invoice INV-7: the currency \"US$\""
                                + " is not an ISO 4217 currency code such as USD or PKR, so it cannot be the currency of the"
                                + " financial instrument."));
    }

    // --- permits ---

    @Test
    void acceptsALineCoveredByAPermitValidOnTheDeclarationDate() {
        CustomsDeclaration d = declaration(
                "GD-1",
                LocalDate.of(2025, 10, 14),
                "USD",
                LC_USD,
                line(1, "26030000", "20"),
                line(2, "28469000", "0.25"));
        assertThat(rules.check(document("D-1", d), SAMPLE)).isEmpty();
        assertThat(rules.permitsByLine(d, SAMPLE))
                .extracting(Agreement.Permit::number)
                .containsExactly("MOC-EXP-2025-CU-0312", "MOC-EXP-2025-REE-0044");
    }

    @Test
    void refusesALineNoPermitCovers() {
        Agreement copperPermitOnly = RuleFixtures.variant(
                "CU-ONLY",
                SAMPLE.commodities(),
                SAMPLE.quotas(),
                SAMPLE.permits().stream()
                        .filter(p -> p.number().equals("MOC-EXP-2025-CU-0312"))
                        .toList());
        CustomsDeclaration d = declaration(
                "GD-1",
                LocalDate.of(2025, 10, 14),
                "USD",
                LC_USD,
                line(1, "26030000", "20"),
                line(2, "26171000", "10"));
        assertThat(rules.check(document("D-1", d), copperPermitOnly))
                .containsExactly(finding(
                        FindingCode.PERMIT_MISSING,
                        Severity.ERROR,
                        "body.lines[1].hsCode",
                        "Declaration GD-1, line 2: no"
                                + " export permit of agreement CU-ONLY covers HS code 26171000."));
        assertThat(rules.permitsByLine(d, copperPermitOnly))
                .extracting(p -> p == null ? null : p.number())
                .containsExactly("MOC-EXP-2025-CU-0312", null);
    }

    @Test
    void refusesALineWhosePermitIsNotYetValid() {
        CustomsDeclaration d = declaration("GD-1", LocalDate.of(2025, 2, 20), "USD", LC_USD, line(1, "26030000", "20"));
        assertThat(rules.check(document("D-1", d), SAMPLE))
                .containsExactly(finding(
                        FindingCode.PERMIT_NOT_VALID,
                        Severity.ERROR,
                        "body.lines[0].hsCode",
                        "Declaration GD-1, line 1: export permits"
                                + " MOC-EXP-2025-CU-0109 (valid from 2025-03-01 to 2025-09-10) and MOC-EXP-2025-CU-0312 (valid"
                                + " from 2025-09-15 to 2026-03-14) for HS code 26030000 are not valid on the declaration date"
                                + " 2025-02-20."));
    }

    @Test
    void refusesALineThatFallsBetweenAnExpiredPermitAndTheNextOne() {
        CustomsDeclaration d = declaration("GD-1", LocalDate.of(2025, 9, 12), "USD", LC_USD, line(1, "26030000", "20"));
        assertThat(rules.check(document("D-1", d), SAMPLE))
                .extracting(Finding::code)
                .containsExactly("PERMIT_NOT_VALID");
        // the day before, the pilot permit still covered it
        assertThat(rules.check(
                        document(
                                "D-1",
                                declaration(
                                        "GD-1", LocalDate.of(2025, 9, 10), "USD", LC_USD, line(1, "26030000", "20"))),
                        SAMPLE))
                .isEmpty();
    }

    @Test
    void refusesALineWhosePermitHasExpired() {
        CustomsDeclaration d =
                declaration("GD-1", LocalDate.of(2026, 1, 5), "USD", LC_USD, line(1, "28469000", "0.25"));
        assertThat(rules.check(document("D-1", d), SAMPLE))
                .containsExactly(finding(
                        FindingCode.PERMIT_NOT_VALID,
                        Severity.ERROR,
                        "body.lines[0].hsCode",
                        "Declaration GD-1, line 1: export permit"
                                + " MOC-EXP-2025-REE-0044 (valid from 2025-09-15 to 2025-12-31) for HS code 28469000 is not"
                                + " valid on the declaration date 2026-01-05."));
    }

    @Test
    void leavesThePermitDateOfAnUnfiledDeclarationToTheFiledOne() {
        CustomsDeclaration undated = declaration(null, null, "USD", LC_USD, line(1, "28469000", "0.25"));
        // the same answer on any day: the filed declaration, with its date, is judged on that date
        assertThat(new AgreementRules(clockAt("2026-02-01"), REFERENCE).check(document("D-9", undated), SAMPLE))
                .isEmpty();
        assertThat(rules.check(document("D-9", undated), SAMPLE)).isEmpty();
        // but a line no permit covers at all is refused whatever the date
        Agreement noPermits = new Agreement(
                SAMPLE.id(),
                SAMPLE.version(),
                SAMPLE.title(),
                SAMPLE.type(),
                SAMPLE.signedDate(),
                SAMPLE.effectiveFrom(),
                SAMPLE.effectiveTo(),
                SAMPLE.parties(),
                SAMPLE.commodities(),
                SAMPLE.ports(),
                SAMPLE.incoterm(),
                SAMPLE.weightTolerancePct(),
                SAMPLE.quotas(),
                SAMPLE.permits().stream()
                        .filter(p -> !p.number().contains("REE"))
                        .toList(),
                SAMPLE.requiredDocuments(),
                SAMPLE.distribution(),
                SAMPLE.disclosure());
        assertThat(rules.check(document("D-9", undated), noPermits))
                .extracting(Finding::code)
                .containsExactly("PERMIT_MISSING");
    }

    @Test
    void anImportDeclarationNeedsNoExportPermit() {
        CustomsDeclaration d =
                declaration("GD-1", LocalDate.of(2026, 6, 1), "USD", LC_USD, line(1, "2603000010", "20"));
        CustomsDeclaration usImport = new CustomsDeclaration(
                "US",
                "IMPORT",
                d.procedure(),
                d.declarationNo(),
                d.declarationDate(),
                d.exporter(),
                d.consignee(),
                d.declarant(),
                d.portOfLoading(),
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                null,
                d.lines(),
                d.containers());
        assertThat(rules.check(document("D-1", usImport), SAMPLE)).isEmpty();
    }

    @Test
    void anAgreementWithoutPermitsChecksNone() {
        Agreement noPermits = RuleFixtures.variant("NO-PERMITS", SAMPLE.commodities(), List.of(), List.of());
        CustomsDeclaration d = declaration("GD-1", LocalDate.of(2027, 1, 1), "USD", LC_USD, line(1, "26030000", "20"));
        assertThat(rules.check(document("D-1", d), noPermits)).isEmpty();
    }

    private static Invoice.Line invoiceLine(int no, String hsCode) {
        return new Invoice.Line(
                no, "goods", hsCode, new Quantity(BigDecimal.ONE, "T", "WET"), BigDecimal.ONE, BigDecimal.ONE);
    }

    private static ShippingDocument billOfLading(String loading, String discharge, String delivery) {
        return new ShippingDocument(
                "BL-1",
                "BK-1",
                "BL-1",
                Party.named("FWO"),
                Party.named("USSM"),
                null,
                null,
                null,
                loading,
                discharge,
                delivery,
                LocalDate.of(2025, 10, 18),
                "PREPAID",
                List.of(new ShippingDocument.Goods(
                        1, "Copper concentrate", "260300", 14, "BG", null, null, List.of("L1"))),
                List.of());
    }
}
