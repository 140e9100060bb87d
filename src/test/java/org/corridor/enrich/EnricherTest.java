package org.corridor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentBody;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Source;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private static final Source SOURCE =
            new Source("CSV", "LAB-CSV", "long", null, null, null, null, "KHILAB-CU-2025-0147.csv", "e138");
    private static final LocalDate ISSUED = LocalDate.of(2025, 10, 6);
    private static final List<AssayResult> RESULTS = List.of(new AssayResult(
            "FWO-CU-L01",
            "KML-25-0147-01",
            "SELLER",
            "Cu",
            new BigDecimal("24.12"),
            null,
            "PCT",
            "DRY",
            "ISO 10258",
            LocalDate.of(2025, 10, 3)));

    private static final Agreement.AgreementParty KHILAB = new Agreement.AgreementParty(
            "KHILAB",
            "Karachi Minerals Testing Laboratory",
            "PK",
            List.of("LABORATORY"),
            List.of(new PartyId("EDI", "KHILAB"), new PartyId("LAB", "PNAC-TL-0417")));
    private static final Agreement.AgreementParty USSMUS = new Agreement.AgreementParty(
            "USSMUS", "US Strategic Metals", "US", List.of("BUYER"), List.of(new PartyId("EDI", "USSMUS")));

    private static final Agreement PK_US = agreement(
            "PK-US-CM-2025",
            LocalDate.of(2025, 9, 8),
            LocalDate.of(2030, 9, 7),
            List.of(KHILAB, USSMUS),
            "CU_CONC",
            "SB_CONC",
            "SB_INGOT",
            "NDPR_OXIDE");

    private static final Party RESOLVED_KHILAB = new Party(
            "Karachi Minerals Testing Laboratory",
            "PK",
            List.of(new PartyId("EDI", "KHILAB"), new PartyId("LAB", "PNAC-TL-0417")));

    private static Agreement agreement(
            String id, LocalDate from, LocalDate to, List<Agreement.AgreementParty> parties, String... commodities) {
        List<Agreement.Commodity> covered = Arrays.stream(commodities)
                .map(c -> new Agreement.Commodity(c, null, List.of(), List.of()))
                .toList();
        return new Agreement(
                id, 1, null, "MOU", from, from, to, parties, covered, null, null, null, List.of(), List.of(), List.of(),
                List.of(), null);
    }

    private static Enricher enricher(LocalDate today, Agreement... agreements) {
        Clock clock = Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        return new Enricher(AgreementCatalog.of(List.of(agreements)), clock, REFERENCE);
    }

    private static Enricher enricher() {
        return enricher(LocalDate.of(2025, 10, 10), PK_US);
    }

    private static CanonicalDocument assay(Party lab, String commodity, LocalDate issueDate) {
        return CanonicalDocument.of(
                "D-1",
                SOURCE,
                new AssayCertificate(
                        "KHILAB-CU-2025-0147", issueDate, lab, commodity, "USSM-FWO-2025-CU-001", RESULTS));
    }

    private static AssayCertificate body(CanonicalDocument document) {
        return (AssayCertificate) document.body();
    }

    @Test
    void resolvesLabGivenByEdiIdToAgreementParty() {
        CanonicalDocument enriched = enricher().enrich(assay(Party.named("KHILAB"), "CU_CONC", ISSUED));

        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(body(enriched).lab()).isEqualTo(RESOLVED_KHILAB);
    }

    @Test
    void resolvesLabGivenByRegisteredNameInAnyCase() {
        CanonicalDocument enriched =
                enricher().enrich(assay(Party.named("KARACHI Minerals Testing laboratory"), "CU_CONC", ISSUED));

        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(body(enriched).lab()).isEqualTo(RESOLVED_KHILAB);
    }

    @Test
    void resolvesLabGivenByAccreditationNumber() {
        CanonicalDocument enriched = enricher().enrich(assay(Party.named("PNAC-TL-0417"), "CU_CONC", ISSUED));

        assertThat(body(enriched).lab()).isEqualTo(RESOLVED_KHILAB);
    }

    @Test
    void keepsEverythingButLabAndAgreementAsParsed() {
        CanonicalDocument parsed = assay(Party.named("KHILAB"), "CU_CONC", ISSUED);

        CanonicalDocument enriched = enricher().enrich(parsed);

        assertThat(enriched.documentId()).isEqualTo("D-1");
        assertThat(enriched.kind()).isEqualTo(DocumentKind.ASSAY_CERTIFICATE);
        assertThat(enriched.source()).isEqualTo(SOURCE);
        assertThat(enriched.shipmentRef()).isNull();
        assertThat(body(enriched))
                .usingRecursiveComparison()
                .ignoringFields("lab")
                .isEqualTo(body(parsed));
    }

    @Test
    void keepsUnknownLabAsWrittenButStillAttachesAgreement() {
        Party written = Party.named("Lahore Assay House");

        CanonicalDocument enriched = enricher().enrich(assay(written, "CU_CONC", ISSUED));

        assertThat(body(enriched).lab()).isEqualTo(written);
        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
    }

    @Test
    void leavesMissingLabAbsent() {
        CanonicalDocument enriched = enricher().enrich(assay(null, "CU_CONC", ISSUED));

        assertThat(body(enriched).lab()).isNull();
        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
    }

    @Test
    void rejectsCommodityNoAgreementCovers() {
        CanonicalDocument document = assay(Party.named("KHILAB"), "OTHER", ISSUED);

        assertThatThrownBy(() -> enricher().enrich(document)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT);
            assertThat(e.problem().location().field()).isEqualTo("commodity");
            assertThat(e.problem().message()).contains("OTHER").contains("KHILAB-CU-2025-0147");
        });
    }

    @Test
    void rejectsCertificateIssuedAfterAgreementEnds() {
        CanonicalDocument document = assay(Party.named("KHILAB"), "CU_CONC", LocalDate.of(2030, 9, 8));

        assertThatThrownBy(() -> enricher().enrich(document)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT);
            assertThat(e.problem().message()).contains("2030-09-08");
        });
    }

    @Test
    void acceptsCertificateIssuedOnAgreementsLastDay() {
        CanonicalDocument enriched =
                enricher().enrich(assay(Party.named("KHILAB"), "CU_CONC", LocalDate.of(2030, 9, 7)));

        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
    }

    @Test
    void rejectsCertificateIssuedBeforeAgreementStarts() {
        CanonicalDocument document = assay(Party.named("KHILAB"), "CU_CONC", LocalDate.of(2025, 9, 7));

        assertThatThrownBy(() -> enricher().enrich(document))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT));
    }

    @Test
    void rejectsEverythingWhenNoAgreementIsKnown() {
        Enricher withoutAgreements = enricher(LocalDate.of(2025, 10, 10));
        CanonicalDocument document = assay(Party.named("KHILAB"), "CU_CONC", ISSUED);

        assertThatThrownBy(() -> withoutAgreements.enrich(document))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT));
    }

    @Test
    void usesLastAnalysisDateWhenCertificateHasNoIssueDate() {
        AssayResult late = new AssayResult(
                "L1",
                "S1",
                "SELLER",
                "Cu",
                new BigDecimal("24.1"),
                null,
                "PCT",
                "DRY",
                "ISO 10258",
                LocalDate.of(2031, 2, 1));
        CanonicalDocument analysedLate = CanonicalDocument.of(
                "D-2",
                SOURCE,
                new AssayCertificate("C-LATE", null, Party.named("KHILAB"), "CU_CONC", null, List.of(late)));

        // today is inside the agreement, but the analysis is after it ended: the document's own date decides
        assertThatThrownBy(() -> enricher(LocalDate.of(2026, 1, 1), PK_US).enrich(analysedLate))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().message()).contains("2031-02-01"));
    }

    @Test
    void usesTodayFromClockOnlyWhenCertificateHasNoDateAtAll() {
        AssayResult undatedResult =
                new AssayResult("L1", "S1", null, "Cu", new BigDecimal("24.1"), null, "PCT", "DRY", null, null);
        CanonicalDocument undated = CanonicalDocument.of(
                "D-3",
                SOURCE,
                new AssayCertificate("C-NODATE", null, Party.named("KHILAB"), "CU_CONC", null, List.of(undatedResult)));

        assertThat(enricher(LocalDate.of(2026, 1, 1), PK_US).enrich(undated).agreementRef())
                .isEqualTo("PK-US-CM-2025");
        assertThatThrownBy(() -> enricher(LocalDate.of(2031, 1, 1), PK_US).enrich(undated))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().message()).contains("2031-01-01"));
    }

    @Test
    void prefersAgreementWhosePartiesIncludeTheLab() {
        Agreement withoutLab = agreement("AAA-OTHER", LocalDate.of(2025, 1, 1), null, List.of(USSMUS), "CU_CONC");

        CanonicalDocument enriched = enricher(LocalDate.of(2025, 10, 10), withoutLab, PK_US)
                .enrich(assay(Party.named("KHILAB"), "CU_CONC", ISSUED));

        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(body(enriched).lab()).isEqualTo(RESOLVED_KHILAB);
    }

    @Test
    void refusesWhenSeveralAgreementsCoverTheCommodityAndNoneKnowsTheLab() {
        Agreement other = agreement("AAA-OTHER", LocalDate.of(2025, 1, 1), null, List.of(USSMUS), "CU_CONC");
        CanonicalDocument document = assay(Party.named("Lahore Assay House"), "CU_CONC", ISSUED);

        assertThatThrownBy(
                        () -> enricher(LocalDate.of(2025, 10, 10), PK_US, other).enrich(document))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT);
                    assertThat(e.problem().message())
                            .isEqualTo("Several agreements (AAA-OTHER, PK-US-CM-2025) are"
                                    + " in force on 2025-10-06 for this assay certificate KHILAB-CU-2025-0147, and it names"
                                    + " no party of any of them, so nothing tells which one it falls under.");
                });
    }

    @Test
    void attachesTheOneAgreementInForceToDocumentsWithoutCommodityOrParty() {
        DocumentBody packingList = () -> DocumentKind.PACKING_LIST;
        CanonicalDocument document = CanonicalDocument.of("D-2", SOURCE, packingList);

        CanonicalDocument enriched = enricher().enrich(document);

        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(enriched.body()).isSameAs(packingList);
    }

    @Test
    void refusesDocumentWithoutCommodityOrPartyWhenSeveralAgreementsAreInForce() {
        Agreement other = agreement("AAA-OTHER", LocalDate.of(2025, 1, 1), null, List.of(USSMUS), "CU_CONC");
        CanonicalDocument document = CanonicalDocument.of("D-3", SOURCE, () -> DocumentKind.PACKING_LIST);

        assertThatThrownBy(
                        () -> enricher(LocalDate.of(2025, 10, 10), other, PK_US).enrich(document))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT);
                    assertThat(e.problem().message()).contains("Several agreements");
                });
        assertThatThrownBy(() -> enricher(LocalDate.of(2025, 10, 10)).enrich(document))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().message()).contains("No agreement is in force"));
    }
}
