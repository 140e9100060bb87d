package org.corridor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.support.SamplePipeline;
import org.corridor.support.TestH2;
import org.corridor.support.TestPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dossier store on H2 (the embedded default) and a real PostgreSQL: documents found to their shipment by their
 * references in any order, completion exactly once, idempotent re-attach, and concurrent attaches of one shipment.
 */
class DossierServiceTest {

    private static DefaultCamelContext camel;
    private static List<CanonicalDocument> cu;
    private static List<CanonicalDocument> ndpr;
    private static Agreement agreement;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-20T09:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void parseSamples() throws IOException {
        camel = new DefaultCamelContext();
        SampleDossiersTest.pipelineFor(SamplePipeline.create(camel));
        cu = SampleDossiersTest.parse(Path.of("sample-docs", "dossiers", "CU-2025-0147"));
        ndpr = SampleDossiersTest.parse(Path.of("sample-docs", "dossiers", "NDPR-2025-0161"));
        agreement = SampleDossiersTest.agreement();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<DataSource> databases() {
        JdbcDataSource h2 = TestH2.migrated("jdbc:h2:mem:dossier-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;OPTIMIZE_REUSE_RESULTS=0");
        return Stream.of(h2, TestPostgres.migrated());
    }

    private static DossierService service(DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        // every test starts from empty dossier tables (the PostgreSQL server is shared by the test JVM)
        emptyDossiers(jdbc);
        return new DossierService(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), CLOCK);
    }

    /** Deletes every dossier, reference, alias and held document. */
    static void emptyDossiers(JdbcTemplate jdbc) {
        for (String table : List.of(
                "dossier_findings",
                "dossier_documents",
                "dossier_refs",
                "dossiers",
                "dossier_aliases",
                "dossier_pending")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    static CanonicalDocument of(List<CanonicalDocument> docs, DocumentKind kind) {
        return docs.stream().filter(d -> d.kind() == kind).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void collectsAShipmentsDocumentsByTheirReferencesAndCompletesWithTheLast(DataSource ds) {
        DossierService service = service(ds);
        // the invoice shares only its number with the declaration, the assay only its lots with the packing list
        List<DocumentKind> order = List.of(
                DocumentKind.PACKING_LIST,
                DocumentKind.INVOICE,
                DocumentKind.ASSAY_CERTIFICATE,
                DocumentKind.BILL_OF_LADING,
                DocumentKind.CUSTOMS_DECLARATION);
        List<DossierOutcome> outcomes = new ArrayList<>();
        for (DocumentKind kind : order) {
            outcomes.add(service.attach(of(cu, kind), agreement));
        }
        service.attach(of(ndpr, DocumentKind.PACKING_LIST), agreement);

        assertThat(outcomes.subList(0, 4)).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(DossierStatus.OPEN);
            assertThat(o.completedDossier()).isEmpty();
        });
        // named after the shipment reference the packing list declares; the invoice has a dossier of its own (under
        // its number) until the declaration, which names the invoice, shows they are one shipment
        assertThat(outcomes)
                .extracting(DossierOutcome::shipmentRef)
                .containsExactly("CU-2025-0147", "FWO-INV-2025-0147", "CU-2025-0147", "CU-2025-0147", "CU-2025-0147");
        DossierOutcome last = outcomes.get(4);
        assertThat(last.status()).isEqualTo(DossierStatus.COMPLETE);
        assertThat(last.findings()).isEmpty();
        CanonicalDocument dossier = last.completedDossier().orElseThrow();
        assertThat(dossier.documentId()).isEqualTo("DOSSIER-CU-2025-0147");
        ShipmentDossier body = (ShipmentDossier) dossier.body();
        assertThat(body.documents())
                .extracting(CanonicalDocument::kind)
                .containsExactly(
                        DocumentKind.PACKING_LIST,
                        DocumentKind.BILL_OF_LADING,
                        DocumentKind.CUSTOMS_DECLARATION,
                        DocumentKind.ASSAY_CERTIFICATE,
                        DocumentKind.INVOICE);
        assertThat(body.documents()).extracting(CanonicalDocument::shipmentRef).containsOnly("CU-2025-0147");
        assertThat(CanonicalJson.readAll(CanonicalJson.write(dossier).getBytes()))
                .containsExactly(dossier);
        assertThat(service.dossier("CU-2025-0147").orElseThrow().status()).isEqualTo("COMPLETE");
        assertThat(service.dossier("NDPR-2025-0161").orElseThrow().documents()).hasSize(1);
        assertThat(service.findings("NDPR-2025-0161"))
                .extracting(f -> f.code())
                .containsOnly("DOCUMENT_MISSING")
                .hasSize(4);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void mergesTwoDossiersOnceADocumentShowsTheyAreOneShipmentAndKeepsTheirNamesAsAliases(DataSource ds) {
        DossierService service = service(ds);
        // invoice and assay share nothing; the declaration joins the invoice, the packing list joins them all
        assertThat(service.attach(of(cu, DocumentKind.INVOICE), agreement).shipmentRef())
                .isEqualTo("FWO-INV-2025-0147");
        assertThat(service.attach(of(cu, DocumentKind.ASSAY_CERTIFICATE), agreement)
                        .shipmentRef())
                .isEqualTo("KHILAB-CU-2025-0147");
        // the declaration declares the shipment: the invoice's dossier takes its name
        assertThat(service.attach(of(cu, DocumentKind.CUSTOMS_DECLARATION), agreement)
                        .shipmentRef())
                .isEqualTo("CU-2025-0147");
        DossierOutcome joined = service.attach(of(cu, DocumentKind.PACKING_LIST), agreement);

        assertThat(joined.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(service.dossier("CU-2025-0147").orElseThrow().documents()).hasSize(4);
        assertThat(joined.findings()).extracting(f -> f.code()).containsExactly("DOCUMENT_MISSING");
        // documents delivered under a provisional name still find their dossier
        for (String earlier : List.of("KHILAB-CU-2025-0147", "FWO-INV-2025-0147")) {
            assertThat(service.dossier(earlier).orElseThrow().shipmentRef()).isEqualTo("CU-2025-0147");
        }
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        assertThat(jdbc.queryForList("SELECT shipment_ref FROM dossiers", String.class))
                .containsExactly("CU-2025-0147");
        assertThat(cu.stream()
                        .filter(d -> d.kind() != DocumentKind.BILL_OF_LADING)
                        .map(d -> service.shipmentOf(d.documentId()).orElseThrow()))
                .containsOnly("CU-2025-0147");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReferenceLongerThanADossierStoresTiesNothingAndTheDocumentIsFiledByItsOthers(DataSource ds) {
        DossierService service = service(ds);
        // found by bench/fuzz.sh: a B/L whose booking number is 5,000 characters failed all 50 attempts to file it
        com.fasterxml.jackson.databind.node.ObjectNode json =
                CanonicalJson.mapper().valueToTree(of(cu, DocumentKind.BILL_OF_LADING));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("body")).put("bookingNo", "B".repeat(5000));
        CanonicalDocument billOfLading = CanonicalJson.readAll(
                        json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .get(0);

        service.attach(of(cu, DocumentKind.PACKING_LIST), agreement);
        DossierOutcome filed = service.attach(billOfLading, agreement);

        assertThat(filed.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(new JdbcTemplate(ds)
                        .queryForList("SELECT ref_type FROM dossier_refs WHERE ref_type = 'BOOKING'", String.class))
                .isEmpty();
    }

    /** The copper shipment's five documents in an order given by kinds. */
    private static List<CanonicalDocument> inOrder(DocumentKind... kinds) {
        return Arrays.stream(kinds).map(k -> of(cu, k)).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theShipmentsDocumentsInAnyOrderEndInOneDossierNamedAfterTheShipment(DataSource ds) throws IOException {
        DocumentKind pl = DocumentKind.PACKING_LIST;
        DocumentKind bl = DocumentKind.BILL_OF_LADING;
        DocumentKind gd = DocumentKind.CUSTOMS_DECLARATION;
        DocumentKind assay = DocumentKind.ASSAY_CERTIFICATE;
        DocumentKind inv = DocumentKind.INVOICE;
        List<List<CanonicalDocument>> orders = new ArrayList<>(List.of(
                inOrder(pl, bl, gd, assay, inv),
                inOrder(inv, assay, bl, gd, pl),
                inOrder(assay, bl, inv, pl, gd),
                inOrder(bl, assay, inv, gd, pl),
                inOrder(inv, bl, assay, pl, gd)));
        // the README walk-through: the single samples of the same shipment (a customs status among them), then the
        // dossier folder's documents, which replace the earlier ones of the same numbers
        List<CanonicalDocument> walkThrough = new ArrayList<>(SampleDossiersTest.parseFiles(List.of(
                Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"),
                Path.of("sample-docs/assay/KHILAB-CU-2025-0147-wide.csv"),
                Path.of("sample-docs/packing/FWO-PL-2025-0147.txt"),
                Path.of("sample-docs/shipping/ASOC-BL-2025-0147.xml"),
                Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json"),
                Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json"),
                Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"))));
        walkThrough.addAll(inOrder(assay, inv, bl, gd, pl));
        orders.add(walkThrough);

        for (List<CanonicalDocument> order : orders) {
            DossierService service = service(ds);
            List<DossierOutcome> outcomes =
                    order.stream().map(d -> service.attach(d, agreement)).toList();

            String kinds = order.stream().map(d -> d.kind().name()).toList().toString();
            assertThat(outcomes.get(outcomes.size() - 1).shipmentRef())
                    .as(kinds)
                    .isEqualTo("CU-2025-0147");
            assertThat(order)
                    .as(kinds)
                    .allSatisfy(
                            d -> assertThat(service.shipmentOf(d.documentId())).contains("CU-2025-0147"));
            ShipmentDossier dossier = service.dossier("CU-2025-0147").orElseThrow();
            assertThat(dossier.status()).as(kinds).isEqualTo("COMPLETE");
            assertThat(dossier.documents())
                    .extracting(CanonicalDocument::shipmentRef)
                    .containsOnly("CU-2025-0147");
            assertThat(outcomes.stream().filter(o -> o.completedDossier().isPresent()))
                    .as(kinds)
                    .singleElement()
                    .satisfies(
                            o -> assertThat(o.completedDossier().orElseThrow().documentId())
                                    .isEqualTo("DOSSIER-CU-2025-0147"));
            assertThat(new JdbcTemplate(ds).queryForList("SELECT shipment_ref FROM dossiers", String.class))
                    .as(kinds)
                    .containsExactly("CU-2025-0147");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCompleteDossierThatALaterDocumentContradictsIsReopenedAndSentAgainOnceCorrected(DataSource ds)
            throws IOException {
        DossierService service = service(ds);
        cu.forEach(d -> service.attach(d, agreement));
        assertThat(service.dossier("CU-2025-0147").orElseThrow().status()).isEqualTo("COMPLETE");
        // the exporter re-sends its packing list with a lot the other documents do not have
        CanonicalDocument wrongLot = SampleDossiersTest.parse(Path.of("sample-docs/dossiers/BAD_wrong_lot")).stream()
                .filter(d -> d.kind() == DocumentKind.PACKING_LIST)
                .findFirst()
                .orElseThrow();

        DossierOutcome reopened = service.attach(wrongLot, agreement);

        assertThat(reopened.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(reopened.status()).isEqualTo(DossierStatus.REOPENED);
        assertThat(reopened.completedDossier()).isEmpty();
        assertThat(reopened.findings()).extracting(f -> f.code()).contains("LOT_MISMATCH");
        ShipmentDossier stored = service.dossier("CU-2025-0147").orElseThrow();
        assertThat(stored.status()).isEqualTo("REOPENED");
        assertThat(stored.findings()).isEqualTo(reopened.findings());

        // the corrected list replaces it: complete again, and the dossier goes out again as its second completion
        CanonicalDocument good = of(cu, DocumentKind.PACKING_LIST);
        CanonicalDocument corrected = new CanonicalDocument(
                good.schema(),
                good.kind(),
                "D-corrected-list",
                good.source(),
                good.agreementRef(),
                good.shipmentRef(),
                good.enrichment(),
                null,
                good.body());
        DossierOutcome again = service.attach(corrected, agreement);

        assertThat(again.status()).isEqualTo(DossierStatus.COMPLETE);
        assertThat(again.findings()).isEmpty();
        CanonicalDocument second = again.completedDossier().orElseThrow();
        assertThat(second.documentId()).isEqualTo("DOSSIER-CU-2025-0147-R2");
        assertThat(((ShipmentDossier) second.body()).documents())
                .extracting(CanonicalDocument::documentId)
                .contains("D-corrected-list")
                .doesNotContain(wrongLot.documentId());
        assertThat(service.dossier("CU-2025-0147").orElseThrow().status()).isEqualTo("COMPLETE");
        // redelivered after a crash, the correcting document hands off the same second completion
        assertThat(service.attach(corrected, agreement).completedDossier()).contains(second);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCustomsStatusBeforeItsDeclarationIsHeldAndJoinsTheDeclarationsDossierWhenItArrives(DataSource ds)
            throws IOException {
        DossierService service = service(ds);
        List<CanonicalDocument> customs = SampleDossiersTest.parseFiles(List.of(
                Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json"),
                Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json")));
        CanonicalDocument status = customs.get(0);
        CanonicalDocument declaration = customs.get(1);

        DossierOutcome held = service.attach(status, agreement);

        assertThat(held.isHeld()).isTrue();
        assertThat(held.heldReason())
                .isEqualTo("No export declaration PQEX-SB-0004471-14102025 has arrived yet: the" + " customs response "
                        + status.documentId() + " joins that shipment's dossier when it does.");
        assertThat(service.attach(status, agreement)).isEqualTo(held);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossiers", Integer.class))
                .as("no dossier named after the status")
                .isZero();
        assertThat(service.shipmentOf(status.documentId())).isEmpty();
        assertThat(service.heldReason(status.documentId())).contains(held.heldReason());

        DossierOutcome filed = service.attach(declaration, agreement);

        assertThat(filed.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(filed.linked()).containsExactly(status.documentId());
        assertThat(service.shipmentOf(status.documentId())).contains("CU-2025-0147");
        assertThat(service.heldReason(status.documentId())).isEmpty();
        assertThat(service.dossier("CU-2025-0147").orElseThrow().documents())
                .extracting(CanonicalDocument::kind)
                .containsExactly(DocumentKind.CUSTOMS_DECLARATION, DocumentKind.CUSTOMS_RESPONSE);
        assertThat(service.attach(status, agreement).shipmentRef()).isEqualTo("CU-2025-0147");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCustomsStatusAfterItsDeclarationJoinsItsDossierAtOnce(DataSource ds) throws IOException {
        DossierService service = service(ds);
        List<CanonicalDocument> customs = SampleDossiersTest.parseFiles(List.of(
                Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json"),
                Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json")));
        service.attach(customs.get(0), agreement);

        DossierOutcome status = service.attach(customs.get(1), agreement);

        assertThat(status.isHeld()).isFalse();
        assertThat(status.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(status.status()).isEqualTo(DossierStatus.OPEN);
        assertThat(new JdbcTemplate(ds).queryForList("SELECT shipment_ref FROM dossiers", String.class))
                .containsExactly("CU-2025-0147");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void documentsOfOneShipmentThatNameDifferentShipmentsKeepTheDossierOpenWithAFinding(DataSource ds) {
        DossierService service = service(ds);
        CanonicalDocument misnamed = of(cu, DocumentKind.CUSTOMS_DECLARATION).withShipmentRef("CU-2025-0148");
        cu.stream()
                .filter(d -> d.kind() != DocumentKind.CUSTOMS_DECLARATION)
                .forEach(d -> service.attach(d, agreement));

        DossierOutcome outcome = service.attach(misnamed, agreement);

        assertThat(outcome.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(outcome.status()).isEqualTo(DossierStatus.OPEN);
        assertThat(outcome.completedDossier()).isEmpty();
        assertThat(outcome.findings())
                .extracting(f -> f.code() + " " + f.field() + ": " + f.text())
                .containsExactly(
                        "SHIPMENT_MISMATCH shipmentRef: The export declaration PQEX-SB-0004471-10102025 names shipment"
                                + " CU-2025-0148 but the packing list FWO-PL-2025-0147 names shipment CU-2025-0147, and their"
                                + " references tie them to one shipment. One of them must be corrected and sent again.");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void attachingTheSameDocumentAgainChangesNothingAndReportsTheDossierAsItIsNow(DataSource ds) {
        DossierService service = service(ds);
        cu.forEach(d -> service.attach(d, agreement));
        CanonicalDocument last = cu.get(cu.size() - 1);
        ShipmentDossier before = service.dossier(
                        service.shipmentOf(last.documentId()).orElseThrow())
                .orElseThrow();

        DossierOutcome again = service.attach(last, agreement);
        DossierOutcome first = service.attach(cu.get(0), agreement);

        // the one that completed it hands the completed dossier off again (a redelivery after a crash)
        assertThat(again.status()).isEqualTo(DossierStatus.COMPLETE);
        assertThat(again.completedDossier()).isPresent();
        // a document attached while the dossier was open says what the dossier is now: a replay's events and the
        // dossiers table tell one state
        assertThat(first.status()).isEqualTo(DossierStatus.COMPLETE);
        assertThat(first.shipmentRef()).isEqualTo("CU-2025-0147");
        assertThat(first.completedDossier()).isEmpty();
        assertThat(service.dossier(again.shipmentRef()).orElseThrow()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLaterDocumentOfTheSameKindAndNumberReplacesTheEarlierOne(DataSource ds) {
        DossierService service = service(ds);
        cu.forEach(d -> service.attach(d, agreement));
        CanonicalDocument invoice = of(cu, DocumentKind.INVOICE);
        CanonicalDocument corrected = new CanonicalDocument(
                invoice.schema(),
                invoice.kind(),
                "D-corrected",
                invoice.source(),
                invoice.agreementRef(),
                null,
                invoice.enrichment(),
                null,
                invoice.body());

        DossierOutcome outcome = service.attach(corrected, agreement);

        assertThat(service.dossier(outcome.shipmentRef()).orElseThrow().documents())
                .extracting(CanonicalDocument::documentId)
                .contains("D-corrected")
                .doesNotContain(invoice.documentId())
                .hasSize(5);
        assertThat(outcome.completedDossier()).as("a dossier completes once").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void documentsAttachedTogetherGiveOneDossierAndOneCompletion(DataSource ds) throws Exception {
        DossierService service = service(ds);
        List<CanonicalDocument> all = new ArrayList<>(cu);
        all.addAll(ndpr);
        Collections.shuffle(all, new java.util.Random(7));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(all.size());
        try {
            List<Future<DossierOutcome>> futures = new ArrayList<>();
            for (CanonicalDocument d : all) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return service.attach(d, agreement);
                }));
            }
            start.countDown();
            List<DossierOutcome> outcomes = new ArrayList<>();
            for (Future<DossierOutcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }

            JdbcTemplate jdbc = new JdbcTemplate(ds);
            assertThat(outcomes.stream().filter(o -> o.completedDossier().isPresent()))
                    .as(
                            "completions; dossiers %s, findings %s",
                            jdbc.queryForList("SELECT * FROM dossiers"),
                            jdbc.queryForList("SELECT * FROM dossier_findings"))
                    .hasSize(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dossiers", Integer.class))
                    .isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT status FROM dossiers", String.class))
                    .containsOnly("COMPLETE");
            assertThat(jdbc.queryForList("SELECT shipment_ref FROM dossiers ORDER BY shipment_ref", String.class))
                    .containsExactly("CU-2025-0147", "NDPR-2025-0161");
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT shipment_ref) FROM dossier_documents", Integer.class))
                    .isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
