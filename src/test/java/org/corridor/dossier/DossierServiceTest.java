package org.corridor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.enrich.Agreement;
import org.corridor.support.SamplePipeline;
import org.corridor.support.TestPostgres;
import org.flywaydb.core.Flyway;
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
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dossier-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return Stream.of(h2, TestPostgres.migrated());
    }

    private static DossierService service(DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        // every test starts from empty dossier tables (the PostgreSQL server is shared by the test JVM)
        for (String table : List.of("dossier_findings", "dossier_documents", "dossier_refs", "dossiers")) {
            jdbc.update("DELETE FROM " + table);
        }
        return new DossierService(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), CLOCK);
    }

    private static CanonicalDocument of(List<CanonicalDocument> docs, DocumentKind kind) {
        return docs.stream().filter(d -> d.kind() == kind).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void collectsAShipmentsDocumentsByTheirReferencesAndCompletesWithTheLast(DataSource ds) {
        DossierService service = service(ds);
        // the invoice shares only its number with the declaration, the assay only its lots with the packing list
        List<DocumentKind> order = List.of(DocumentKind.PACKING_LIST, DocumentKind.INVOICE,
                DocumentKind.ASSAY_CERTIFICATE, DocumentKind.BILL_OF_LADING, DocumentKind.CUSTOMS_DECLARATION);
        List<DossierOutcome> outcomes = new ArrayList<>();
        for (DocumentKind kind : order) {
            outcomes.add(service.attach(of(cu, kind), agreement));
        }
        service.attach(of(ndpr, DocumentKind.PACKING_LIST), agreement);

        assertThat(outcomes.subList(0, 4)).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(DossierStatus.OPEN);
            assertThat(o.completedDossier()).isEmpty();
        });
        DossierOutcome last = outcomes.get(4);
        assertThat(last.shipmentRef()).isEqualTo("FWO-PL-2025-0147");
        assertThat(last.status()).isEqualTo(DossierStatus.COMPLETE);
        assertThat(last.findings()).isEmpty();
        CanonicalDocument dossier = last.completedDossier().orElseThrow();
        assertThat(dossier.documentId()).isEqualTo("DOSSIER-FWO-PL-2025-0147");
        ShipmentDossier body = (ShipmentDossier) dossier.body();
        assertThat(body.documents()).extracting(CanonicalDocument::kind).containsExactly(DocumentKind.PACKING_LIST,
                DocumentKind.BILL_OF_LADING, DocumentKind.CUSTOMS_DECLARATION, DocumentKind.ASSAY_CERTIFICATE,
                DocumentKind.INVOICE);
        assertThat(body.documents()).extracting(CanonicalDocument::shipmentRef).containsOnly("FWO-PL-2025-0147");
        assertThat(CanonicalJson.readAll(CanonicalJson.write(dossier).getBytes())).containsExactly(dossier);
        assertThat(service.dossier("FWO-PL-2025-0147").orElseThrow().status()).isEqualTo("COMPLETE");
        assertThat(service.dossier("FWO-PL-2025-0161").orElseThrow().documents()).hasSize(1);
        assertThat(service.findings("FWO-PL-2025-0161")).extracting(f -> f.code()).containsOnly("DOCUMENT_MISSING")
                .hasSize(4);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void mergesTwoDossiersOnceADocumentShowsTheyAreOneShipment(DataSource ds) {
        DossierService service = service(ds);
        // invoice and assay share nothing; the declaration joins the invoice, the packing list joins them all
        service.attach(of(cu, DocumentKind.INVOICE), agreement);
        service.attach(of(cu, DocumentKind.ASSAY_CERTIFICATE), agreement);
        service.attach(of(cu, DocumentKind.CUSTOMS_DECLARATION), agreement);
        DossierOutcome joined = service.attach(of(cu, DocumentKind.PACKING_LIST), agreement);

        assertThat(joined.shipmentRef()).isEqualTo("FWO-INV-2025-0147");
        assertThat(service.dossier("KHILAB-CU-2025-0147")).isEmpty();
        assertThat(service.dossier("FWO-INV-2025-0147").orElseThrow().documents()).hasSize(4);
        assertThat(joined.findings()).extracting(f -> f.code()).containsExactly("DOCUMENT_MISSING");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void attachingTheSameDocumentAgainChangesNothingAndReturnsTheCompletedDossierAgain(DataSource ds) {
        DossierService service = service(ds);
        cu.forEach(d -> service.attach(d, agreement));
        CanonicalDocument last = cu.get(cu.size() - 1);
        ShipmentDossier before = service.dossier(service.shipmentOf(last.documentId()).orElseThrow()).orElseThrow();

        DossierOutcome again = service.attach(last, agreement);
        DossierOutcome first = service.attach(cu.get(0), agreement);

        assertThat(again.status()).isEqualTo(DossierStatus.COMPLETE);
        assertThat(again.completedDossier()).isPresent();
        assertThat(first.completedDossier()).isEmpty();
        assertThat(first.status()).isEqualTo(DossierStatus.OPEN);
        assertThat(service.dossier(again.shipmentRef()).orElseThrow()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLaterDocumentOfTheSameKindAndNumberReplacesTheEarlierOne(DataSource ds) {
        DossierService service = service(ds);
        cu.forEach(d -> service.attach(d, agreement));
        CanonicalDocument invoice = of(cu, DocumentKind.INVOICE);
        CanonicalDocument corrected = new CanonicalDocument(invoice.schema(), invoice.kind(), "D-corrected",
                invoice.source(), invoice.agreementRef(), null, invoice.enrichment(), null, invoice.body());

        DossierOutcome outcome = service.attach(corrected, agreement);

        assertThat(service.dossier(outcome.shipmentRef()).orElseThrow().documents())
                .extracting(CanonicalDocument::documentId).contains("D-corrected")
                .doesNotContain(invoice.documentId()).hasSize(5);
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
                    .as("completions; dossiers %s, findings %s", jdbc.queryForList("SELECT * FROM dossiers"),
                            jdbc.queryForList("SELECT * FROM dossier_findings")).hasSize(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dossiers", Integer.class)).isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT status FROM dossiers", String.class)).containsOnly("COMPLETE");
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT shipment_ref) FROM dossier_documents",
                    Integer.class)).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
