package org.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.rules.RuleFixtures.SAMPLE;
import static org.corridor.rules.RuleFixtures.clockAt;
import static org.corridor.rules.RuleFixtures.declaration;
import static org.corridor.rules.RuleFixtures.document;
import static org.corridor.rules.RuleFixtures.line;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.corridor.agreement.Agreement;
import org.corridor.audit.TestAudit;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.problem.Finding;
import org.corridor.problem.Severity;
import org.corridor.rules.AllowanceLedger.Kind;
import org.corridor.rules.AllowanceLedger.Usage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The quota and permit ledger on a real database (H2 and PostgreSQL run the same tests): counting, idempotency, all or
 * nothing when a limit would be exceeded, and 50 declarations arriving at once. Each test uses an agreement id of its
 * own, so tests never see each other's totals in a shared database.
 */
abstract class AllowanceLedgerContract {

    private static final CustomsDeclaration.FinancialInstrument LC =
            new CustomsDeclaration.FinancialInstrument("LC", "LC-1", "NBP", "USD");
    private static final LocalDate OCTOBER = LocalDate.of(2025, 10, 14);

    private AllowanceLedger ledger;

    abstract DataSource dataSource();

    @BeforeEach
    void ledger() {
        DataSource ds = dataSource();
        ledger = new AllowanceLedger(
                new JdbcTemplate(ds),
                new DataSourceTransactionManager(ds),
                clockAt("2025-10-15"),
                REFERENCE,
                TestAudit.on(ds));
    }

    private static Agreement agreement(List<Agreement.Quota> quotas, List<Agreement.Permit> permits) {
        return RuleFixtures.variant(
                "T-" + UUID.randomUUID().toString().substring(0, 8), SAMPLE.commodities(), quotas, permits);
    }

    private static Agreement.Quota copperQuota(String tonnes) {
        return new Agreement.Quota(
                "CU-2025", "CU_CONC", LocalDate.of(2025, 9, 8), LocalDate.of(2025, 12, 31), new BigDecimal(tonnes));
    }

    private static Agreement.Permit copperPermit(String tonnes) {
        return new Agreement.Permit(
                "MOC-EXP-2025-CU-0312",
                "Ministry of Commerce",
                List.of("2603"),
                LocalDate.of(2025, 9, 15),
                LocalDate.of(2026, 3, 14),
                tonnes == null ? null : new BigDecimal(tonnes));
    }

    private static CanonicalDocument copper(String number, String tonnes) {
        return document("D-" + number, declaration(number, OCTOBER, "USD", LC, line(1, "26030000", tonnes)));
    }

    private static Usage usage(Kind kind, String id, String tonnes) {
        return new Usage(kind, id, new BigDecimal(tonnes).setScale(6));
    }

    @Test
    void countsEachLineAgainstItsCommoditysQuotaAndItsPermitInTonnes() {
        Agreement agreement = agreement(SAMPLE.quotas(), SAMPLE.permits());
        CustomsDeclaration.Line ingotInPounds = new CustomsDeclaration.Line(
                3,
                "81101000",
                "antimony ingot",
                new Quantity(new BigDecimal("1000"), "LB", null),
                null,
                null,
                BigDecimal.ONE,
                "PK");
        CustomsDeclaration.Line oxideWithoutQuantity = new CustomsDeclaration.Line(
                4,
                "28469000",
                "NdPr oxide",
                null,
                new BigDecimal("130.00"),
                new BigDecimal("120.00"),
                BigDecimal.ONE,
                "PK");
        CanonicalDocument declaration = document(
                "D-1",
                declaration(
                        "GD-1",
                        OCTOBER,
                        "USD",
                        LC,
                        line(1, "26030000", "21.283"),
                        new CustomsDeclaration.Line(
                                2,
                                "28469000",
                                "NdPr oxide",
                                new Quantity(new BigDecimal("250.000"), "KG", null),
                                null,
                                null,
                                BigDecimal.ONE,
                                "PK"),
                        ingotInPounds,
                        oxideWithoutQuantity));

        assertThat(ledger.count(declaration, agreement)).isEmpty();

        assertThat(ledger.usage(agreement.id()))
                .containsExactly(
                        usage(Kind.QUOTA, "CU-2025", "21.283"),
                        usage(Kind.QUOTA, "NDPR-2025", "0.37"),
                        usage(Kind.QUOTA, "SBI-2025", "0.453592"),
                        usage(Kind.PERMIT, "MOC-EXP-2025-CU-0312", "21.283"),
                        usage(Kind.PERMIT, "MOC-EXP-2025-REE-0044", "0.37"),
                        usage(Kind.PERMIT, "MOC-EXP-2025-SB-0127", "0.453592"));
        assertThat(ledger.isCounted(declaration, agreement)).isTrue();
    }

    @Test
    void countsAgainstTheQuotaOfThePeriodHoldingTheDeclarationDate() {
        Agreement agreement = agreement(SAMPLE.quotas(), SAMPLE.permits());
        CanonicalDocument january =
                document("D-J", declaration("GD-J", LocalDate.of(2026, 1, 20), "USD", LC, line(1, "26030000", "40")));
        CanonicalDocument outsideEveryQuota =
                document("D-O", declaration("GD-O", LocalDate.of(2027, 6, 1), "USD", LC, line(1, "26030000", "5000")));

        assertThat(ledger.count(january, agreement)).isEmpty();
        // no quota holds mid-2027 and the copper permit has expired: nothing limits it, nothing to count
        assertThat(ledger.count(outsideEveryQuota, agreement)).isEmpty();

        assertThat(ledger.usage(agreement.id()))
                .containsExactly(usage(Kind.QUOTA, "CU-2026", "40"), usage(Kind.PERMIT, "MOC-EXP-2025-CU-0312", "40"));
        assertThat(ledger.isCounted(outsideEveryQuota, agreement)).isTrue();
    }

    @Test
    void countingTheSameDocumentAgainChangesNothingAndIsNotRefused() {
        // a redelivery after a crash (the count committed, the rest of the document's processing not) or a replay
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of(copperPermit("80")));
        CanonicalDocument first = copper("GD-1", "50");

        assertThat(ledger.count(first, agreement)).isEmpty();
        assertThat(ledger.count(first, agreement)).isEmpty();

        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("50");
        assertThat(ledger.used(agreement.id(), Kind.PERMIT, "MOC-EXP-2025-CU-0312"))
                .isEqualByComparingTo("50");
    }

    @Test
    void theSameDeclarationSentAgainAsAnotherDocumentIsRefusedNamingTheDocumentItWasCountedFrom() {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of(copperPermit("80")));
        CanonicalDocument first = copper("GD-1", "50");
        CanonicalDocument sentAgain = document("D-other", (CustomsDeclaration) first.body());

        assertThat(ledger.count(first, agreement)).isEmpty();
        assertThat(ledger.count(sentAgain, agreement))
                .containsExactly(new Finding(
                        "DUPLICATE_DECLARATION",
                        Severity.ERROR,
                        "Declaration GD-1 of FWO in PK was already counted against the quotas and"
                                + " permits of agreement " + agreement.id() + " from document D-GD-1 on"
                                + " 2025-10-15T00:00:00Z. The same declaration sent again as another document is refused, so"
                                + " that it is counted once; nothing was counted again.",
                        "body.declarationNo"));
        // refused again when it comes back, and the first document is still counted once
        assertThat(ledger.count(sentAgain, agreement))
                .extracting(Finding::code)
                .containsExactly("DUPLICATE_DECLARATION");
        assertThat(ledger.count(first, agreement)).isEmpty();
        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("50");
        assertThat(ledger.used(agreement.id(), Kind.PERMIT, "MOC-EXP-2025-CU-0312"))
                .isEqualByComparingTo("50");
    }

    @Test
    void anotherExportersDeclarationWithTheSameNumberIsCountedOnItsOwn() {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of());
        CustomsDeclaration fwo =
                exportedBy(new Party("Frontier Works Organisation", "PK", List.of(new PartyId("NTN", "0786512-4"))));
        CustomsDeclaration other =
                exportedBy(new Party("Indus Minerals", "PK", List.of(new PartyId("NTN", "1234567-8"))));
        // the same exporter known by another name and its tax number first among other ids: the same declaration
        CustomsDeclaration fwoAgain = exportedBy(
                new Party("FWO", "PK", List.of(new PartyId("EDI", "FWOPK"), new PartyId("NTN", "0786512-4"))));

        assertThat(ledger.count(document("D-FWO", fwo), agreement)).isEmpty();
        assertThat(ledger.count(document("D-OTHER", other), agreement)).isEmpty();
        assertThat(ledger.count(document("D-FWO-2", fwoAgain), agreement))
                .extracting(Finding::code)
                .containsExactly("DUPLICATE_DECLARATION");

        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("20");
    }

    private static CustomsDeclaration exportedBy(Party exporter) {
        CustomsDeclaration d = (CustomsDeclaration) copper("GD-SAME", "10").body();
        return new CustomsDeclaration(
                d.jurisdiction(),
                d.direction(),
                d.procedure(),
                d.declarationNo(),
                d.declarationDate(),
                exporter,
                d.consignee(),
                d.declarant(),
                d.portOfLoading(),
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                d.financialInstrument(),
                d.lines(),
                d.containers());
    }

    @Test
    void twoDocumentsOfOneDeclarationArrivingAtOnceAreCountedOnceAndTheOtherRefused() throws Exception {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of(copperPermit("80")));
        CustomsDeclaration declaration =
                (CustomsDeclaration) copper("GD-TWICE", "30").body();
        int copies = 8;
        CyclicBarrier start = new CyclicBarrier(copies);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        List<Future<List<Finding>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                CanonicalDocument copy = document("D-COPY-" + i, declaration);
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ledger.count(copy, agreement);
                }));
            }
            List<List<Finding>> findings = new ArrayList<>();
            for (Future<List<Finding>> result : results) {
                findings.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(findings).filteredOn(List::isEmpty).hasSize(1);
            assertThat(findings)
                    .filteredOn(f -> !f.isEmpty())
                    .hasSize(copies - 1)
                    .allSatisfy(f -> assertThat(f).extracting(Finding::code).containsExactly("DUPLICATE_DECLARATION"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("30");
        assertThat(ledger.used(agreement.id(), Kind.PERMIT, "MOC-EXP-2025-CU-0312"))
                .isEqualByComparingTo("30");
    }

    @Test
    void aDeclarationWithoutNumberIsKnownByItsDocumentId() {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of());
        CustomsDeclaration unfiled = declaration(null, OCTOBER, "USD", LC, line(1, "26030000", "10"));

        assertThat(ledger.count(document("D-A", unfiled), agreement)).isEmpty();
        assertThat(ledger.count(document("D-A", unfiled), agreement)).isEmpty();
        assertThat(ledger.count(document("D-B", unfiled), agreement)).isEmpty();

        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("20");
    }

    @Test
    void anExceededPermitLeavesNothingOfTheDeclarationCounted() {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of(copperPermit("80")));
        assertThat(ledger.count(copper("GD-1", "70"), agreement)).isEmpty();

        CanonicalDocument tooMuch = copper("GD-2", "15");
        assertThat(ledger.count(tooMuch, agreement))
                .containsExactly(new Finding(
                        "PERMIT_EXCEEDED",
                        Severity.ERROR,
                        "Declaration GD-2: export permit MOC-EXP-2025-CU-0312 (valid from 2025-09-15 to 2026-03-14) has 70 t"
                                + " used; this declaration's 15 t would bring it to 85 t, above the 80 t it allows. Nothing of"
                                + " this declaration was counted.",
                        "body.lines[0].quantity"));

        // the quota had room and was raised in the same transaction, then rolled back with it
        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("70");
        assertThat(ledger.isCounted(tooMuch, agreement)).isFalse();
        assertThat(ledger.count(copper("GD-3", "10"), agreement)).isEmpty();
        assertThat(ledger.usage(agreement.id()))
                .containsExactly(usage(Kind.QUOTA, "CU-2025", "80"), usage(Kind.PERMIT, "MOC-EXP-2025-CU-0312", "80"));
    }

    @Test
    void anExceededQuotaNamesQuotaPeriodUsedTonnesAndLimit() {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of(copperPermit(null)));
        assertThat(ledger.count(copper("GD-1", "90"), agreement)).isEmpty();

        assertThat(ledger.count(copper("GD-2", "15.5"), agreement))
                .containsExactly(new Finding(
                        "QUOTA_EXCEEDED",
                        Severity.ERROR,
                        "Declaration GD-2: quota CU-2025 of agreement " + agreement.id() + " for CU_CONC"
                                + " (2025-09-08 to 2025-12-31) has 90 t used; this declaration's 15.5 t would bring it to"
                                + " 105.5 t, above its limit of 100 t. Nothing of this declaration was counted.",
                        "body.lines[0].quantity"));
        assertThat(ledger.usage(agreement.id())).containsExactly(usage(Kind.QUOTA, "CU-2025", "90"));
    }

    @Test
    void reportsEveryLimitADeclarationWouldExceed() {
        Agreement agreement = agreement(List.of(copperQuota("10")), List.of(copperPermit("5")));
        assertThat(ledger.count(copper("GD-1", "12"), agreement))
                .extracting(Finding::code)
                .containsExactly("QUOTA_EXCEEDED", "PERMIT_EXCEEDED");
        assertThat(ledger.used(agreement.id(), Kind.QUOTA, "CU-2025")).isEqualByComparingTo("0");
        assertThat(ledger.used(agreement.id(), Kind.PERMIT, "MOC-EXP-2025-CU-0312"))
                .isEqualByComparingTo("0");
    }

    @Test
    void countsOnlyPakistanExportDeclarations() {
        Agreement agreement = agreement(List.of(copperQuota("100")), List.of());
        CustomsDeclaration d = (CustomsDeclaration) copper("GD-1", "10").body();
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
                d.financialInstrument(),
                d.lines(),
                d.containers());

        assertThat(ledger.count(document("D-US", usImport), agreement)).isEmpty();
        assertThat(ledger.usage(agreement.id())).isEmpty();
    }

    @Test
    void fiftyConcurrentDeclarationsAreCountedExactlyAsFarAsTheQuotaAllows() throws Exception {
        // 3 t each: the quota admits exactly 20 of them, the permit (90 t) would admit 30
        Agreement agreement = agreement(List.of(copperQuota("60")), List.of(copperPermit("90")));
        int declarations = 50;
        CyclicBarrier start = new CyclicBarrier(declarations);
        ExecutorService pool = Executors.newFixedThreadPool(declarations);
        List<Future<List<Finding>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < declarations; i++) {
                CanonicalDocument declaration = copper("GD-C" + i, "3");
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ledger.count(declaration, agreement);
                }));
            }
            int counted = 0;
            int refused = 0;
            for (Future<List<Finding>> result : results) {
                List<Finding> findings = result.get(60, TimeUnit.SECONDS);
                if (findings.isEmpty()) {
                    counted++;
                } else {
                    assertThat(findings).extracting(Finding::code).containsExactly("QUOTA_EXCEEDED");
                    refused++;
                }
            }
            assertThat(counted).isEqualTo(20);
            assertThat(refused).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.usage(agreement.id()))
                .containsExactly(usage(Kind.QUOTA, "CU-2025", "60"), usage(Kind.PERMIT, "MOC-EXP-2025-CU-0312", "60"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM allowance_counts WHERE agreement_id = ?", Integer.class, agreement.id()))
                .isEqualTo(20);
        assertThat(jdbc.queryForObject(
                        "SELECT sum(tonnes) FROM allowance_count_lines WHERE agreement_id = ?"
                                + " AND allowance_kind = 'QUOTA'",
                        BigDecimal.class,
                        agreement.id()))
                .isEqualByComparingTo("60");
    }
}
