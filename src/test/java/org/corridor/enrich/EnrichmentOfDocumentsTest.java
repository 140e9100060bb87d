package org.corridor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Enrichment;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.PackingList;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.Source;
import org.corridor.canonical.TransportEvent;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/**
 * Enrichment of every body kind against the sample agreement: which agreement (and version) by the document's own
 * date and parties, parties completed from the agreement, and the enrichment details in the envelope.
 */
class EnrichmentOfDocumentsTest {

    private static final Agreement PK_US = AGREEMENT_FILES.read(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));
    private static final LocalDate TODAY = LocalDate.of(2025, 10, 15);
    private static final LocalDate DECLARED = LocalDate.of(2025, 10, 14);

    private static Enricher enricher(Agreement... agreements) {
        Clock clock = Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        return new Enricher(AgreementCatalog.of(List.of(agreements)), clock, REFERENCE);
    }

    private static Source source(String sender) {
        return new Source("JSON", "PSW-SD", "1", sender, null, null, null, "sample", "sha");
    }

    private static CanonicalDocument declaration(
            LocalDate date, Party exporter, Party consignee, Party declarant, String hsCode) {
        return CanonicalDocument.of(
                "D-1",
                source(null),
                new CustomsDeclaration(
                        "PK",
                        "EXPORT",
                        "COMMERCIAL",
                        "PQEX-SB-0004471",
                        date,
                        exporter,
                        consignee,
                        declarant,
                        "PKBQM",
                        "USHOU",
                        "US",
                        new Incoterm("CIF", "USHOU", "2020"),
                        "USD",
                        "INV-1",
                        new BigDecimal("100"),
                        null,
                        List.of(new CustomsDeclaration.Line(
                                1, hsCode, "copper concentrate", null, null, null, null, "PK")),
                        List.of()));
    }

    private static CustomsDeclaration body(CanonicalDocument document) {
        return (CustomsDeclaration) document.body();
    }

    /** The sample agreement with another version number, dates and parties. */
    private static Agreement variant(
            Agreement a, String id, int version, LocalDate from, LocalDate to, List<Agreement.AgreementParty> parties) {
        return new Agreement(
                id,
                version,
                a.title(),
                a.type(),
                a.signedDate(),
                from,
                to,
                parties,
                a.commodities(),
                a.ports(),
                a.incoterm(),
                a.weightTolerancePct(),
                a.quotas(),
                a.permits(),
                a.requiredDocuments(),
                List.of(),
                a.disclosure());
    }

    private static List<Agreement.AgreementParty> renamed(String partyId, String name) {
        List<Agreement.AgreementParty> parties = new ArrayList<>();
        for (Agreement.AgreementParty p : PK_US.parties()) {
            parties.add(
                    p.id().equals(partyId)
                            ? new Agreement.AgreementParty(p.id(), name, p.country(), p.roles(), p.ids())
                            : p);
        }
        return parties;
    }

    // --- parties of each body kind ---

    @Test
    void completesDeclarationPartiesFoundByTaxIdOrNameWithEveryAgreementIdentifier() {
        CanonicalDocument enriched = enricher(PK_US)
                .enrich(declaration(
                        DECLARED,
                        new Party("FWO", "PK", List.of(new PartyId("NTN", "0786512-4"))),
                        Party.named("us strategic metals"),
                        new Party("Indus Clearing", null, List.of(new PartyId("NTN", "4412893-1"))),
                        "26030000"));

        assertThat(body(enriched).exporter())
                .isEqualTo(new Party(
                        "Frontier Works Organisation",
                        "PK",
                        List.of(
                                new PartyId("EDI", "FWOPK"),
                                new PartyId("NTN", "0786512-4"),
                                new PartyId("STRN", "0700000312459"))));
        assertThat(body(enriched).consignee())
                .isEqualTo(new Party(
                        "US Strategic Metals",
                        "US",
                        List.of(new PartyId("EDI", "USSMUS"), new PartyId("EIN", "43-1987265"))));
        assertThat(body(enriched).declarant().name()).isEqualTo("Indus Customs Clearing Agency");
        assertThat(enriched.enrichment().parties())
                .containsExactly(
                        new Enrichment.ResolvedParty("exporter", "FWOPK", "Frontier Works Organisation"),
                        new Enrichment.ResolvedParty("consignee", "USSMUS", "US Strategic Metals"),
                        new Enrichment.ResolvedParty("declarant", "PKAGENT", "Indus Customs Clearing Agency"));
    }

    @Test
    void keepsAnIdentifierTheSenderWroteThatTheAgreementLacks() {
        CanonicalDocument enriched = enricher(PK_US)
                .enrich(declaration(
                        DECLARED,
                        new Party(
                                "FWO",
                                "PK",
                                List.of(new PartyId("DUNS", "645123987"), new PartyId("NTN", "0786512-4"))),
                        null,
                        null,
                        "26030000"));

        assertThat(body(enriched).exporter().ids())
                .containsExactly(
                        new PartyId("EDI", "FWOPK"),
                        new PartyId("NTN", "0786512-4"),
                        new PartyId("STRN", "0700000312459"),
                        new PartyId("DUNS", "645123987"));
    }

    @Test
    void doesNotMatchATaxIdOfAnotherScheme() {
        // the exporter's NTN written as an EIN is not the exporter: an id matches only in its own scheme
        Party mislabelled = new Party("Unknown Trader", "PK", List.of(new PartyId("EIN", "0786512-4")));

        CanonicalDocument enriched = enricher(PK_US).enrich(declaration(DECLARED, mislabelled, null, null, "26030000"));

        assertThat(body(enriched).exporter()).isEqualTo(mislabelled);
        assertThat(enriched.enrichment().parties()).isEmpty();
    }

    @Test
    void completesShippingDocumentPartiesAndKeepsAnUnknownNotifyPartyAsWritten() {
        Party notify = new Party("Gulf Coast Warehousing", "US", List.of());
        ShippingDocument bl = new ShippingDocument(
                "ASOC-BL-1",
                "BKG-1",
                "ASOC-BL-1",
                new Party("Frontier Works", "PK", List.of(new PartyId("EDI", "FWOPK"))),
                new Party("USSM", "US", List.of(new PartyId("EIN", "43-1987265"))),
                notify,
                new Party("Carrier", null, List.of(new PartyId("SCAC", "ASOC"))),
                null,
                "PKBQM",
                "USHOU",
                "USSTL",
                DECLARED,
                "PREPAID",
                List.of(new ShippingDocument.Goods(
                        1, "copper concentrate", "260300", 20, "BAG", null, null, List.of())),
                List.of());

        CanonicalDocument enriched = enricher(PK_US).enrich(CanonicalDocument.of("D-2", source("OCEANCAR"), bl));

        ShippingDocument body = (ShippingDocument) enriched.body();
        assertThat(body.shipper().name()).isEqualTo("Frontier Works Organisation");
        assertThat(body.consignee().ids())
                .containsExactly(new PartyId("EDI", "USSMUS"), new PartyId("EIN", "43-1987265"));
        assertThat(body.notifyParty()).isEqualTo(notify);
        assertThat(body.carrier())
                .isEqualTo(new Party(
                        "Arabian Sea Ocean Carrier",
                        "PK",
                        List.of(new PartyId("EDI", "OCEANCAR"), new PartyId("SCAC", "ASOC"))));
        assertThat(enriched.enrichment().parties())
                .extracting(Enrichment.ResolvedParty::role)
                .containsExactly("shipper", "consignee", "carrier");
        assertThat(enriched.enrichment().places())
                .containsExactly(
                        new Enrichment.Place("PKBQM", "Port Qasim (Muhammad Bin Qasim)", "PK"),
                        new Enrichment.Place("USHOU", "Houston", "US"),
                        new Enrichment.Place("USSTL", "St. Louis", "US"));
    }

    @Test
    void completesInvoiceSellerAndBuyer() {
        Invoice invoice = new Invoice(
                "FWO-PINV-1",
                "PROVISIONAL",
                DECLARED,
                new Party("F.W.O.", "PK", List.of(new PartyId("STRN", "0700000312459"))),
                Party.named("USSMUS"),
                "USSM-FWO-2025-CU-001",
                "USD",
                null,
                List.of(new Invoice.Line(1, "Cu conc", "2603000010", null, null, null)),
                new BigDecimal("10"));

        CanonicalDocument enriched = enricher(PK_US).enrich(CanonicalDocument.of("D-3", source(null), invoice));

        Invoice body = (Invoice) enriched.body();
        assertThat(body.seller().name()).isEqualTo("Frontier Works Organisation");
        assertThat(body.buyer())
                .isEqualTo(new Party(
                        "US Strategic Metals",
                        "US",
                        List.of(new PartyId("EDI", "USSMUS"), new PartyId("EIN", "43-1987265"))));
        assertThat(enriched.enrichment().commodity()).isEqualTo("CU_CONC");
        assertThat(enriched.enrichment().hsCodes())
                .containsExactly(new Enrichment.HsCode("2603000010", "Copper ores and concentrates: copper content"));
    }

    // --- enrichment details ---

    @Test
    void namesTheCommodityHsCodesAndPlacesTheDeclarationCarries() {
        CanonicalDocument enriched = enricher(PK_US).enrich(declaration(DECLARED, null, null, null, "28469000"));

        assertThat(enriched.enrichment().commodity()).isEqualTo("NDPR_OXIDE");
        assertThat(enriched.enrichment().hsCodes())
                .containsExactly(new Enrichment.HsCode(
                        "28469000", "Other compounds of rare-earth metals (including mixtures of rare-earth oxides)"));
        assertThat(enriched.enrichment().places())
                .containsExactly(
                        new Enrichment.Place("PKBQM", "Port Qasim (Muhammad Bin Qasim)", "PK"),
                        new Enrichment.Place("USHOU", "Houston", "US"));
        assertThat(enriched.shipmentRef()).as("set by the dossier, not here").isNull();
    }

    @Test
    void leavesEnrichmentOutWhenThereIsNothingToSay() {
        PackingList list = new PackingList("PL-1", List.of(), null);

        CanonicalDocument enriched = enricher(PK_US).enrich(CanonicalDocument.of("D-4", source(null), list));

        assertThat(enriched.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(enriched.enrichment()).isNull();
        assertThat(enriched.body()).isSameAs(list);
    }

    // --- which agreement, which version ---

    @Test
    void appliesTheVersionInForceOnTheDocumentsOwnDate() {
        Agreement v1 = variant(PK_US, PK_US.id(), 1, LocalDate.of(2025, 9, 8), null, PK_US.parties());
        Agreement v2 = variant(
                PK_US, PK_US.id(), 2, LocalDate.of(2026, 1, 1), null, renamed("USSMUS", "US Strategic Metals LLC"));
        Enricher enricher = enricher(v2, v1);

        CanonicalDocument before =
                enricher.enrich(declaration(LocalDate.of(2025, 12, 31), null, Party.named("USSMUS"), null, "260300"));
        CanonicalDocument after =
                enricher.enrich(declaration(LocalDate.of(2026, 1, 1), null, Party.named("USSMUS"), null, "260300"));

        assertThat(body(before).consignee().name()).isEqualTo("US Strategic Metals");
        assertThat(body(after).consignee().name()).isEqualTo("US Strategic Metals LLC");
        assertThat(after.agreementRef()).isEqualTo("PK-US-CM-2025");
    }

    @Test
    void choosesByTheDocumentsDateNotToday() {
        TransportEvent late = new TransportEvent(
                "DEPARTED",
                "VD",
                OffsetDateTime.parse("2031-01-02T10:00:00Z"),
                "PKBQM",
                "TGHU8144721",
                "ASOC-BL-1",
                null,
                null);

        assertThatThrownBy(() -> enricher(PK_US).enrich(CanonicalDocument.of("D-5", source(null), late)))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().message())
                                .isEqualTo("No agreement is in force on 2031-01-02 for this transport event."));
    }

    @Test
    void choosesTheAgreementThatNamesTheDocumentsParties() {
        Agreement.AgreementParty chileExporter = new Agreement.AgreementParty(
                "CLEXP",
                "Andes Copper Exports",
                "CL",
                List.of("EXPORTER"),
                List.of(new PartyId("EDI", "CLEXP"), new PartyId("RUT", "76.123.456-7")));
        Agreement other = variant(PK_US, "CL-US-CU-2025", 1, LocalDate.of(2025, 1, 1), null, List.of(chileExporter));
        Enricher enricher = enricher(other, PK_US);

        CanonicalDocument fromPakistan = enricher.enrich(declaration(
                DECLARED, new Party("FWO", "PK", List.of(new PartyId("NTN", "0786512-4"))), null, null, "260300"));
        CanonicalDocument fromChile = enricher.enrich(declaration(
                DECLARED, new Party("Andes", "CL", List.of(new PartyId("RUT", "76.123.456-7"))), null, null, "260300"));

        assertThat(fromPakistan.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(fromChile.agreementRef()).isEqualTo("CL-US-CU-2025");
        assertThat(body(fromChile).exporter().name()).isEqualTo("Andes Copper Exports");
    }

    @Test
    void choosesByTheSendersInterchangeIdWhenTheBodyNamesNoParty() {
        Agreement other = variant(
                PK_US,
                "CL-US-CU-2025",
                1,
                LocalDate.of(2025, 1, 1),
                null,
                List.of(new Agreement.AgreementParty(
                        "CLEXP",
                        "Andes Copper Exports",
                        "CL",
                        List.of("EXPORTER"),
                        List.of(new PartyId("EDI", "CLEXP")))));
        CanonicalDocument packingList =
                CanonicalDocument.of("D-6", source("CLEXP"), new PackingList("PL-9", List.of(), null));

        assertThat(enricher(PK_US, other).enrich(packingList).agreementRef()).isEqualTo("CL-US-CU-2025");
    }

    @Test
    void refusesADeclarationWhoseHsCodeNoAgreementCovers() {
        CanonicalDocument refined = declaration(DECLARED, null, null, null, "740311");

        assertThatThrownBy(() -> enricher(PK_US).enrich(refined)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_AGREEMENT);
            assertThat(e.problem().location().field()).isEqualTo("lines[].hsCode");
            assertThat(e.problem().message())
                    .isEqualTo("No agreement in force on 2025-10-14 covers the HS"
                            + " code 740311 of customs declaration PQEX-SB-0004471.");
        });
    }

    @Test
    void keepsTheKindOfTheDocument() {
        CanonicalDocument enriched = enricher(PK_US).enrich(declaration(DECLARED, null, null, null, "260300"));

        assertThat(enriched.kind()).isEqualTo(DocumentKind.CUSTOMS_DECLARATION);
        assertThat(enriched.documentId()).isEqualTo("D-1");
    }
}
