package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.canonical.CanonicalJson;
import org.corridor.dossier.DossierService;
import org.corridor.rules.AllowanceLedger;
import org.corridor.support.SampleDossier;
import org.corridor.support.TrackedFiles;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole shipment through the running gateway (its own home, broker and database): the five documents of the copper
 * dossier dropped at once are filed in one dossier, which completes with the last of them and goes to the buyer as
 * one JSON, once; the declaration is counted against its quota, and a second declaration that would exceed the quota
 * is refused with the reason.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DossierGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path HOME =
            Path.of("target", "test-homes", "dossier-" + UUID.randomUUID()).toAbsolutePath();
    private static final Path CU = Path.of("sample-docs", "dossiers", "CU-2025-0147");
    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    DossierService dossiers;

    @Autowired
    AllowanceLedger ledger;

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        registry.add("corridor.api.operator-token", () -> OPERATOR_TOKEN);
        registry.add("corridor.agreements.reload-interval-ms", () -> "200");
    }

    @Test
    @Order(1)
    void aShipmentsDocumentsDroppedTogetherCompleteOneDossierDeliveredToTheBuyerOnce() throws IOException {
        List<Path> files = SampleDossier.files(CU);
        assertThat(files).hasSize(5);
        for (Path file : files) {
            Files.copy(file, HOME.resolve("inbox/any").resolve(file.getFileName()));
        }
        List<String> ids = files.stream()
                .map(f -> documentIdOf(f.getFileName().toString()))
                .toList();
        for (String id : ids) {
            awaitStatus(id, "DELIVERED");
        }

        // one dossier holds them all, and it completed with whichever arrived last; documents processed at the same
        // time may each have opened a dossier of their own, merged as soon as a document showed they are one shipment
        List<String> shipments = ids.stream()
                .map(id -> dossiers.shipmentOf(id).orElseThrow())
                .distinct()
                .toList();
        // named after the shipment reference its packing list and declaration declare, whichever came first
        assertThat(shipments).containsExactly("CU-2025-0147");
        String shipment = shipments.get(0);
        assertThat(ids)
                .allSatisfy(
                        id -> assertThat(tracking.document(id).orElseThrow()).containsEntry("shipment_ref", shipment));
        String dossierId = DossierService.documentId(shipment);
        awaitStatus(dossierId, "DELIVERED");
        assertThat(tracking.document(dossierId).orElseThrow())
                .containsEntry("kind", "SHIPMENT_DOSSIER")
                .containsEntry("shipment_ref", shipment);
        assertThat(tracking.deliveries(dossierId))
                .extracting(d -> d.get("partner_id") + "=" + d.get("status"))
                .containsExactly("USSMUS=DELIVERED");

        // the buyer has it once, as one JSON: every document of the shipment, each filed under the shipment
        JsonNode delivered =
                CanonicalJson.mapper().readTree(outboxOfBuyer(dossierId).toFile());
        assertThat(delivered.path("kind").asText()).isEqualTo("SHIPMENT_DOSSIER");
        assertThat(delivered.path("body").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(delivered.path("body").path("findings")).isEmpty();
        JsonNode documents = delivered.path("body").path("documents");
        assertThat(documents)
                .extracting(d -> d.path("kind").asText())
                .containsExactlyInAnyOrder(
                        "PACKING_LIST", "BILL_OF_LADING", "CUSTOMS_DECLARATION", "ASSAY_CERTIFICATE", "INVOICE");
        assertThat(documents).extracting(d -> d.path("shipmentRef").asText()).containsOnly(shipment);
        assertThat(documents).extracting(d -> d.path("documentId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        // the assay's penalty warning travels inside the dossier, as with the certificate itself
        assertThat(documents.findValuesAsText("code")).contains("QUALITY_PENALTY");
        assertThat(dossiers.findings(shipment)).isEmpty();

        // the declaration's 21.283 t were counted once against the copper quota and the permit
        assertThat(ledger.used("PK-US-CM-2025", AllowanceLedger.Kind.QUOTA, "CU-2025"))
                .isEqualByComparingTo(new BigDecimal("21.283"));
        assertThat(ledger.used("PK-US-CM-2025", AllowanceLedger.Kind.PERMIT, "MOC-EXP-2025-CU-0312"))
                .isEqualByComparingTo(new BigDecimal("21.283"));
    }

    @Test
    @Order(2)
    void aLaterDocumentOfACompleteShipmentIsFiledWithoutDeliveringTheDossierAgain() throws IOException {
        // the exporter re-sends its packing list (re-issued: the same list, a new file): it replaces the earlier one
        String text = Files.readString(CU.resolve("FWO-PL-2025-0147.txt"), StandardCharsets.UTF_8);
        Files.writeString(HOME.resolve("inbox/any/FWO-PL-2025-0147-reissued.txt"), text + "\n", StandardCharsets.UTF_8);
        String id = documentIdOf("FWO-PL-2025-0147-reissued.txt");
        awaitStatus(id, "DELIVERED");

        String shipment = (String) tracking.document(id).orElseThrow().get("shipment_ref");
        assertThat(jdbc.queryForList("SELECT document_id FROM documents WHERE kind = 'SHIPMENT_DOSSIER'", String.class))
                .containsExactly(DossierService.documentId(shipment));
        try (Stream<Path> outbox = Files.list(HOME.resolve("outbox/USSMUS"))) {
            assertThat(outbox.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("DOSSIER-")))
                    .containsExactly(DossierService.documentId(shipment) + ".json");
        }
        assertThat(tracking.events(id))
                .extracting(e -> e.get("stage") + " " + e.get("detail"))
                .anyMatch(e -> e.startsWith("DOSSIER shipment " + shipment + ": COMPLETE"));
    }

    @Test
    @Order(3)
    void aDeclarationThatWouldExceedTheQuotaIsRefusedAndNothingOfItCounted() throws IOException {
        // the quota sample as shipped: 45.605 t more of copper concentrate in the same quota period, under its own
        // GD number, while 21.283 t of 45 t are used
        Files.copy(
                Path.of("sample-docs/dossiers/BAD_quota_exceeded/PSW-SD-FWO-2025-0147.json"),
                HOME.resolve("inbox/customs/PSW-SD-QUOTA.json"));
        String id = documentIdOf("PSW-SD-QUOTA.json");
        awaitStatus(id, "REJECTED");

        Map<String, Object> row = tracking.document(id).orElseThrow();
        assertThat(row).containsEntry("reason_code", "AGREEMENT_RULE");
        assertThat((String) row.get("reason"))
                .contains("QUOTA_EXCEEDED")
                .contains("quota CU-2025")
                .contains("has 21.283 t used")
                .contains("45.605 t")
                .contains("limit of 45 t");
        assertThat(Files.readString(HOME.resolve("error/PSW-SD-QUOTA.json.error.txt")))
                .contains("QUOTA_EXCEEDED");
        assertThat(ledger.used("PK-US-CM-2025", AllowanceLedger.Kind.QUOTA, "CU-2025"))
                .isEqualByComparingTo(new BigDecimal("21.283"));
        assertThat(tracking.deliveries(id)).isEmpty();
    }

    @Test
    @Order(4)
    void theSameDeclarationDroppedAgainIsRefusedNamingTheDocumentItWasCountedFrom() throws IOException {
        String counted = documentIdOf("PSW-SD-FWO-2025-0147.json");
        Files.copy(CU.resolve("PSW-SD-FWO-2025-0147.json"), HOME.resolve("inbox/customs/PSW-SD-AGAIN.json"));
        String id = documentIdOf("PSW-SD-AGAIN.json");
        awaitStatus(id, "REJECTED");

        assertThat((String) tracking.document(id).orElseThrow().get("reason"))
                .contains("DUPLICATE_DECLARATION")
                .contains("Declaration PQEX-SB-0004471-10102025")
                .contains("from document " + counted);
        assertThat(ledger.used("PK-US-CM-2025", AllowanceLedger.Kind.QUOTA, "CU-2025"))
                .isEqualByComparingTo(new BigDecimal("21.283"));
        assertThat(dossiers.shipmentOf(id)).isEmpty();
    }

    @Test
    @Order(5)
    void staffSeeWhatADossierLacksAndWhatItsReconciliationFound() throws IOException {
        // the NdPr oxide shipment's packing list alone: an open dossier that names the four documents still missing
        Path packing;
        try (Stream<Path> files = Files.list(Path.of("sample-docs", "dossiers", "NDPR-2025-0161"))) {
            packing = files.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.copy(packing, HOME.resolve("inbox/any").resolve(packing.getFileName()));
        String id = documentIdOf(packing.getFileName().toString());
        awaitStatus(id, "DELIVERED");

        ResponseEntity<JsonNode> open = get("/api/documents/" + id + "/dossier", OPERATOR_TOKEN);
        assertThat(open.getStatusCode().value()).isEqualTo(200);
        assertThat(open.getBody().path("status").asText()).isEqualTo("OPEN");
        assertThat(open.getBody().path("documents"))
                .extracting(d -> d.path("documentId").asText())
                .containsExactly(id);
        assertThat(open.getBody().path("findings"))
                .extracting(
                        f -> f.path("code").asText() + " " + f.path("severity").asText())
                .containsOnly("DOCUMENT_MISSING INFO")
                .hasSize(4);
        assertThat(open.getBody().path("findings").get(0).path("text").asText())
                .isEqualTo("The shipment has no export declaration yet; the agreement PK-US-CM-2025 requires one.");

        // the copper shipment, complete, by its name; nobody without the operator token
        String shipment = "CU-2025-0147";
        ResponseEntity<JsonNode> complete = get("/api/dossiers/" + shipment, OPERATOR_TOKEN);
        assertThat(complete.getStatusCode().value()).isEqualTo(200);
        assertThat(complete.getBody().path("shipmentRef").asText()).isEqualTo(shipment);
        assertThat(complete.getBody().path("status").asText()).isEqualTo("COMPLETE");
        assertThat(complete.getBody().path("documents")).hasSize(5);
        assertThat(complete.getBody().path("findings")).isEmpty();
        assertThat(get("/api/dossiers/" + shipment, "wrong").getStatusCode().value())
                .isEqualTo(401);
        assertThat(get("/api/dossiers/NO-SUCH-SHIPMENT", OPERATOR_TOKEN)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    @Order(6)
    void operatorsSeeEveryAgreementVersionAndEveryRefusedFile() throws IOException {
        // a second version from 2026 dropped beside the first, and a broken file: no restart
        Path folder = Files.createDirectories(HOME.resolve("agreements"));
        Files.writeString(
                folder.resolve("PK-US-CM-2025-v2.yaml"),
                Files.readString(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"))
                        .replace("version: 1", "version: 2")
                        .replace("effectiveFrom: 2025-09-08", "effectiveFrom: 2026-01-01"));
        Files.writeString(
                folder.resolve("BROKEN.yaml"),
                "id: BROKEN\nversion: 1\neffectiveFrom: 2025-01-01\n" + "effectiveTo: 2024-01-01\n");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode listed = get("/api/agreements", OPERATOR_TOKEN).getBody();
            assertThat(listed.path("versions"))
                    .extracting(v ->
                            v.path("id").asText() + " v" + v.path("version").asInt() + " from "
                                    + v.path("effectiveFrom").asText())
                    .containsExactly("PK-US-CM-2025 v1 from 2025-09-08", "PK-US-CM-2025 v2 from 2026-01-01");
            assertThat(listed.path("refused")).singleElement().satisfies(r -> {
                assertThat(r.path("file").asText()).endsWith("BROKEN.yaml");
                assertThat(r.path("reason").asText()).contains("\"effectiveTo\" is before \"effectiveFrom\"");
            });
        });
        assertThat(get("/api/agreements", "wrong").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    @Order(7)
    void aReplayedDocumentsEventsTheTableAndTheApiTellTheDossiersOneState() {
        // a document filed while the dossier was still open: its first DOSSIER event says OPEN
        String replayed = Stream.of(
                        "FWO-PL-2025-0147.txt",
                        "ASOC-BL-2025-0147.xml",
                        "KHILAB-CU-2025-0147.csv",
                        "FWOPK-INVOIC-FWO-INV-2025-0147.edi",
                        "PSW-SD-FWO-2025-0147.json")
                .map(this::documentIdOf)
                .filter(id -> dossierEvents(id).get(0).contains(": OPEN,"))
                .findFirst()
                .orElseThrow();
        int before = dossierEvents(replayed).size();

        ResponseEntity<JsonNode> answer = post("/api/documents/" + replayed + "/replay?force=true");
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        await().atMost(TIMEOUT).until(() -> dossierEvents(replayed).size() > before);

        List<String> events = dossierEvents(replayed);
        assertThat(events.get(events.size() - 1)).startsWith("shipment CU-2025-0147: COMPLETE,");
        assertThat(jdbc.queryForObject("SELECT status FROM dossiers WHERE shipment_ref = 'CU-2025-0147'", String.class))
                .isEqualTo("COMPLETE");
        assertThat(get("/api/documents/" + replayed + "/dossier", OPERATOR_TOKEN)
                        .getBody()
                        .path("status")
                        .asText())
                .isEqualTo("COMPLETE");
    }

    @Test
    @Order(8)
    void aCompleteDossierThatALaterDocumentContradictsIsReopenedAndSentAgainOnceCorrected() throws IOException {
        // the exporter re-sends its packing list with a lot no other document has: the dossier is not complete
        Files.copy(
                Path.of("sample-docs/dossiers/BAD_wrong_lot/FWO-PL-2025-0147.txt"),
                HOME.resolve("inbox/any/FWO-PL-2025-0147-wrong-lot.txt"));
        String wrong = documentIdOf("FWO-PL-2025-0147-wrong-lot.txt");
        awaitStatus(wrong, "DELIVERED");

        JsonNode reopened = get("/api/dossiers/CU-2025-0147", OPERATOR_TOKEN).getBody();
        assertThat(reopened.path("status").asText()).isEqualTo("REOPENED");
        assertThat(reopened.path("findings"))
                .extracting(f -> f.path("code").asText())
                .contains("LOT_MISMATCH");
        assertThat(dossierEvents(wrong)).singleElement().asString().startsWith("shipment CU-2025-0147: REOPENED,");
        assertThat(jdbc.queryForObject("SELECT status FROM dossiers WHERE shipment_ref = 'CU-2025-0147'", String.class))
                .isEqualTo("REOPENED");

        // the corrected list replaces it: complete again, and the buyer gets the dossier again
        String text = Files.readString(CU.resolve("FWO-PL-2025-0147.txt"), StandardCharsets.UTF_8);
        Files.writeString(
                HOME.resolve("inbox/any/FWO-PL-2025-0147-corrected.txt"), text + "\n\n", StandardCharsets.UTF_8);
        String corrected = documentIdOf("FWO-PL-2025-0147-corrected.txt");
        awaitStatus(corrected, "DELIVERED");
        awaitStatus("DOSSIER-CU-2025-0147-R2", "DELIVERED");

        JsonNode again = CanonicalJson.mapper()
                .readTree(outboxOfBuyer("DOSSIER-CU-2025-0147-R2").toFile());
        assertThat(again.path("body").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(again.path("body").path("documents"))
                .extracting(d -> d.path("documentId").asText())
                .contains(corrected)
                .doesNotContain(wrong);
        assertThat(get("/api/dossiers/CU-2025-0147", OPERATOR_TOKEN)
                        .getBody()
                        .path("status")
                        .asText())
                .isEqualTo("COMPLETE");
    }

    @Test
    @Order(9)
    void aCustomsStatusBeforeItsDeclarationJoinsTheShipmentWhenTheDeclarationArrives() throws IOException {
        // a status for the NdPr oxide shipment's declaration, which has not arrived: no dossier of its own
        String status = Files.readString(Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json"))
                .replace("PQEX-SB-0004471-14102025", "KHEX-SB-0005127-16102025");
        Files.writeString(HOME.resolve("inbox/customs/PSW-STATUS-NDPR.json"), status);
        String statusId = documentIdOf("PSW-STATUS-NDPR.json");
        awaitStatus(statusId, "DELIVERED");

        assertThat(dossierEvents(statusId))
                .singleElement()
                .asString()
                .startsWith("in no dossier yet: No export" + " declaration KHEX-SB-0005127-16102025 has arrived yet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossiers WHERE shipment_ref = ?", Integer.class, statusId))
                .isZero();
        ResponseEntity<JsonNode> held = get("/api/documents/" + statusId + "/dossier", OPERATOR_TOKEN);
        assertThat(held.getStatusCode().value()).isEqualTo(404);
        assertThat(held.getBody().path("error").asText()).contains("is in no dossier yet");

        Files.copy(
                Path.of("sample-docs/dossiers/NDPR-2025-0161/PSW-SD-FWO-2025-0161.json"),
                HOME.resolve("inbox/customs/PSW-SD-FWO-2025-0161.json"));
        String declaration = documentIdOf("PSW-SD-FWO-2025-0161.json");
        awaitStatus(declaration, "DELIVERED");

        assertThat(dossiers.shipmentOf(statusId)).contains("NDPR-2025-0161");
        assertThat(tracking.document(statusId).orElseThrow()).containsEntry("shipment_ref", "NDPR-2025-0161");
        assertThat(dossierEvents(statusId))
                .last()
                .asString()
                .startsWith("shipment NDPR-2025-0161: joined with " + declaration);
        assertThat(get("/api/dossiers/NDPR-2025-0161", OPERATOR_TOKEN).getBody().path("documents"))
                .extracting(d -> d.path("documentId").asText())
                .contains(statusId, declaration);
    }

    private List<String> dossierEvents(String documentId) {
        return tracking.events(documentId).stream()
                .filter(e -> "DOSSIER".equals(e.get("stage")))
                .map(e -> (String) e.get("detail"))
                .toList();
    }

    private ResponseEntity<JsonNode> post(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(OPERATOR_TOKEN);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private Path outboxOfBuyer(String documentId) {
        Path file = HOME.resolve("outbox/USSMUS").resolve(documentId + ".json");
        await().atMost(TIMEOUT).until(() -> Files.exists(file));
        return file;
    }

    private String documentIdOf(String fileName) {
        return TrackedFiles.awaitDocumentId(jdbc, fileName, TIMEOUT);
    }

    private void awaitStatus(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.document(documentId))
                        .isPresent()
                        .get()
                        .extracting(d -> d.get("status"))
                        .isEqualTo(status));
    }
}
