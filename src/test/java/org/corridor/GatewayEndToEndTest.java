package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.corridor.base.Hashing;
import org.corridor.base.Headers;
import org.corridor.canonical.CanonicalJson;
import org.corridor.cli.CorridorCli;
import org.corridor.intake.IntakeService;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.PartnerHttpServer;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/** Drops real files into the running gateway and follows them to the partners, the archive and the tracking store. */
class GatewayEndToEndTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CU = "KHILAB-CU-2025-0147";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    JmsTemplate jms;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camelContext;

    @Autowired
    IntakeService intake;

    @Test
    void deliversDroppedAssayCertificateToFolderAndHttpPartners() throws Exception {
        byte[] content = sample(CU + ".csv", CU, "E2E-CU-0001");
        String documentId = drop("assay", "E2E-CU-0001.csv", content);

        awaitStatus(documentId, "DELIVERED");

        // the folder partner got the canonical JSON, equal to the golden file but for the gateway's own id and name
        Path outboxFile = HOME.resolve("outbox/FWOPK/" + documentId + ".json");
        JsonNode delivered = CanonicalJson.mapper().readTree(outboxFile.toFile());
        // the certificate number is the test's own (also in the findings' texts); the gateway files every document in
        // its shipment's dossier, which the command line cannot know
        JsonNode expected = CanonicalJson.mapper()
                .readTree(Files.readString(Path.of("sample-docs/assay/expected/" + CU + ".json"))
                        .replace(CU, "E2E-CU-0001"))
                .get(0);
        assertThat(delivered.path("shipmentRef").asText()).isNotBlank();
        ((ObjectNode) expected).put("shipmentRef", delivered.get("shipmentRef").asText());
        ((ObjectNode) expected).put("documentId", documentId);
        ((ObjectNode) expected.get("source")).put("fileName", "E2E-CU-0001.csv");
        ((ObjectNode) expected.get("source")).put("sha256", Hashing.sha256Hex(content));
        ((ObjectNode) expected.get("body")).put("certificateNo", "E2E-CU-0001");
        assertThat(delivered).isEqualTo(expected);
        assertThat(Files.readString(outboxFile)).contains("\"value\" : 24.12,").contains("\"qualifier\" : \"<\"");
        // this document's own: another test's delivery to the same folder may be in flight now
        assertThat(Files.list(outboxFile.getParent()).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith(".inflight-") && n.contains(documentId));

        // the HTTP partner got the same bytes once, with a stable idempotency key and none of our internal headers
        List<PartnerHttpServer.Received> posts = PARTNER.receivedContaining("E2E-CU-0001");
        assertThat(posts).hasSize(1);
        PartnerHttpServer.Received post = posts.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/corridor/inbound");
        assertThat(post.body()).isEqualTo(Files.readAllBytes(outboxFile));
        assertThat(post.header("Idempotency-Key")).isEqualTo(documentId + ":USSMUS");
        assertThat(post.header("Content-Type")).startsWith("application/json");
        assertThat(post.headers().keySet())
                .noneMatch(h -> h.toLowerCase().startsWith("corridor")
                        || h.toLowerCase().startsWith("jms")
                        || h.toLowerCase().startsWith("camel"));

        // the original is archived unchanged with its SHA-256, and gone from the inbox
        Map<String, Object> row = tracking.document(documentId).orElseThrow();
        Path archived = Path.of((String) row.get("archive_path"));
        assertThat(Files.readAllBytes(archived)).isEqualTo(content);
        assertThat(row.get("sha256")).isEqualTo(Hashing.sha256Hex(content));
        assertThat(Files.readString(archived.resolveSibling(archived.getFileName() + ".sha256")))
                .isEqualTo(Hashing.sha256Hex(content) + "  " + archived.getFileName() + "\n");
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(HOME.resolve("inbox/assay/E2E-CU-0001.csv")).doesNotExist());

        // tracking: the document, both deliveries, and one event per stage
        assertThat(row)
                .containsEntry("kind", "ASSAY_CERTIFICATE")
                .containsEntry("wire_format", "CSV")
                .containsEntry("message_type", "LAB-CSV")
                .containsEntry("agreement_ref", "PK-US-CM-2025")
                .containsEntry("intake", "folder:assay");
        assertThat(tracking.deliveries(documentId))
                .extracting(d ->
                        d.get("partner_id") + "=" + d.get("status") + "/" + d.get("channel") + "/" + d.get("attempts"))
                .containsExactly("FWOPK=DELIVERED/FOLDER/1", "USSMUS=DELIVERED/HTTP/1");
        assertThat(tracking.events(documentId))
                .extracting(e -> (String) e.get("stage"))
                .containsSubsequence("INTAKE", "DETECT", "PARSE", "ENRICH", "ROUTE", "DELIVER")
                .filteredOn("DELIVER"::equals)
                .hasSize(2);
        // counted just after the delivery is committed
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(
                                meters.counter("corridor.deliveries", "partner", "FWOPK", "status", "DELIVERED")
                                        .count())
                        .isGreaterThanOrEqualTo(1.0));
    }

    @Test
    void deliversFixedWidthPackingListToTheRecipientsTheAgreementNames() throws Exception {
        byte[] content = Files.readAllBytes(Path.of("sample-docs/packing/FWO-PL-2025-0147.txt"));
        String documentId = drop("shipping", "E2E-PL-0147.txt", content);

        awaitStatus(documentId, "DELIVERED");

        assertThat(tracking.document(documentId).orElseThrow())
                .containsEntry("kind", "PACKING_LIST")
                .containsEntry("wire_format", "FIXED")
                .containsEntry("message_type", "PACKING-LIST");
        // USBROKER has no channel configured, so it gets a folder of its own
        assertThat(tracking.deliveries(documentId))
                .extracting(d -> d.get("partner_id") + "=" + d.get("channel"))
                .containsExactly("USBROKER=FOLDER", "USSMUS=HTTP");
        JsonNode delivered = CanonicalJson.mapper()
                .readTree(
                        HOME.resolve("outbox/USBROKER/" + documentId + ".json").toFile());
        assertThat(delivered.at("/body/totals/netKg").decimalValue()).isEqualByComparingTo("21283.40");
        assertThat(delivered.at("/body/packages").size()).isEqualTo(14);
        assertThat(PARTNER.receivedContaining(documentId)).hasSize(1);
        // USBROKER's partner file expects a 997 within 4 hours of delivery; FWOPK's expects none
        Map<String, Object> broker = tracking.deliveries(documentId).get(0);
        assertThat(broker).containsEntry("ack_expected", "997");
        assertThat(Duration.between(
                        ((java.time.OffsetDateTime) broker.get("delivered_at")).toInstant(),
                        ((java.time.OffsetDateTime) broker.get("ack_due_at")).toInstant()))
                .isEqualTo(Duration.ofHours(4));
        assertThat(tracking.deliveries(documentId).get(1)).containsEntry("ack_expected", null);
    }

    @Test
    void deliversBillOfLadingXmlAndDeclarationWorksheetDroppedAnywhere() throws Exception {
        String bl = drop(
                "any", "E2E-ASOC-BL.xml", Files.readAllBytes(Path.of("sample-docs/shipping/ASOC-BL-2025-0147.xml")));
        String declaration = drop(
                "customs",
                "E2E-PSW-SD.json",
                Files.readAllBytes(Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json")));

        awaitStatus(bl, "DELIVERED");
        awaitStatus(declaration, "DELIVERED");
        assertThat(tracking.document(bl).orElseThrow())
                .containsEntry("kind", "BILL_OF_LADING")
                .containsEntry("message_type", "OCEANCAR-EBL");
        assertThat(tracking.deliveries(bl)).extracting(d -> d.get("partner_id")).containsExactly("USBROKER", "USSMUS");
        assertThat(CanonicalJson.mapper()
                        .readTree(
                                HOME.resolve("outbox/USBROKER/" + bl + ".json").toFile())
                        .at("/body/notify/name")
                        .asText())
                .isEqualTo("US Strategic Metals");
        assertThat(tracking.document(declaration).orElseThrow()).containsEntry("kind", "CUSTOMS_DECLARATION");
        assertThat(Files.readString(HOME.resolve("outbox/FWOPK/" + declaration + ".json")))
                .contains("\"jurisdiction\" : \"PK\"")
                .contains("\"grossWeightKg\" : 21342.00");
    }

    @Test
    void refusesXmlWithExternalEntityWithoutReadingIt() throws Exception {
        String documentId =
                drop("shipping", "BAD_xxe.xml", Files.readAllBytes(Path.of("sample-docs/shipping/BAD_xxe.xml")));

        awaitStatus(documentId, "REJECTED");
        String note = Files.readString(HOME.resolve("error/BAD_xxe.xml.error.txt"));
        assertThat(note).contains("XML_DTD_REFUSED").doesNotContain("root:");
        assertThat(tracking.deliveries(documentId)).isEmpty();
    }

    @Test
    void rejectsInvalidFileIntoErrorFolderWithPlainReason() throws Exception {
        byte[] content = Files.readAllBytes(Path.of("sample-docs/assay/BAD_letter_in_value.csv"));
        String documentId = drop("assay", "BAD_letter_in_value.csv", content);

        awaitStatus(documentId, "REJECTED");

        assertThat(Files.readAllBytes(HOME.resolve("error/BAD_letter_in_value.csv")))
                .isEqualTo(content);
        String note = Files.readString(HOME.resolve("error/BAD_letter_in_value.csv.error.txt"));
        assertThat(note)
                .contains("REJECTED")
                .contains("CSV_NUMBER")
                .contains("line 5, column 7 (field \"value\")")
                .contains("\"2O.45\" is not a number")
                .contains(documentId);
        Map<String, Object> row = tracking.document(documentId).orElseThrow();
        assertThat(row).containsEntry("reason_code", "CSV_NUMBER");
        assertThat((String) row.get("reason")).contains("line 5, column 7");
        assertThat(tracking.deliveries(documentId)).isEmpty();
        assertThat(tracking.events(documentId))
                .extracting(e -> (String) e.get("stage"))
                .contains("REJECT");
    }

    @Test
    void rejectsEmptyFileWithoutHoldingUpTheFilesBehindIt() throws Exception {
        String emptyId = drop("shipping", "BAD_empty.csv", new byte[0]);
        String nextId = drop("shipping", "E2E-AFTER-EMPTY.csv", sample(CU + ".csv", CU, "E2E-AFTER-EMPTY"));

        awaitStatus(emptyId, "REJECTED");
        awaitStatus(nextId, "DELIVERED");
        assertThat(tracking.document(emptyId).orElseThrow()).containsEntry("reason_code", "EMPTY_FILE");
        assertThat(HOME.resolve("error/BAD_empty.csv")).isEmptyFile();
        assertThat(Files.readString(HOME.resolve("error/BAD_empty.csv.error.txt")))
                .contains("EMPTY_FILE")
                .contains("The file is empty (0 bytes)");
    }

    @Test
    void processesDocumentSentOnIntakeQueueLikeDroppedFile() {
        byte[] content = sample("KHILAB-SB-2025-0152.csv", "KHILAB-SB-2025-0152", "E2E-JMS-0001");
        jms.send("corridor.inbound", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(content);
            message.setStringProperty(Headers.FILE_NAME, "E2E-JMS-0001.csv");
            return message;
        });

        String documentId =
                await().atMost(TIMEOUT).until(() -> newestDocumentNamed("E2E-JMS-0001.csv"), id -> id != null);
        awaitStatus(documentId, "DELIVERED");

        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("intake", "jms:corridor.inbound");
        assertThat(HOME.resolve("outbox/FWOPK/" + documentId + ".json")).exists();
        assertThat(PARTNER.receivedContaining("E2E-JMS-0001"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r.bodyText()).contains("\"commodity\" : \"SB_CONC\""));
    }

    @Test
    void retriesHttpPartnerThatIsDownUntilItRecoversAndDeliversOnce() {
        PARTNER.answer("E2E-RETRY-0001", 503, "{\"error\":\"maintenance\"}", 2);
        String documentId = drop("any", "E2E-RETRY-0001.csv", sample(CU + ".csv", CU, "E2E-RETRY-0001"));

        awaitStatus(documentId, "DELIVERED");

        assertThat(PARTNER.receivedContaining("E2E-RETRY-0001"))
                .extracting(PartnerHttpServer.Received::answeredWith)
                .containsExactly(503, 503, 200);
        assertThat(tracking.deliveries(documentId))
                .filteredOn(d -> d.get("partner_id").equals("USSMUS"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.get("status")).isEqualTo("DELIVERED");
                    assertThat(d.get("attempts")).isEqualTo(3);
                });
    }

    @Test
    void doesNotRetryPermanentRefusalAndKeepsItForReplay() {
        PARTNER.answer("E2E-REFUSE-0001", 400, "{\"error\":\"unknown consignee\"}", 100);
        String documentId = drop("assay", "E2E-REFUSE-0001.csv", sample(CU + ".csv", CU, "E2E-REFUSE-0001"));

        awaitStatus(documentId, "FAILED");
        // each partner has its own queue and route: FWOPK's delivery may finish after USSMUS's failure
        await().atMost(TIMEOUT).until(() -> tracking.isDelivered(documentId, "FWOPK"));

        assertThat(PARTNER.receivedContaining("E2E-REFUSE-0001")).hasSize(1);
        assertThat(tracking.deliveries(documentId))
                .extracting(d -> d.get("partner_id") + "=" + d.get("status"))
                .containsExactly("FWOPK=DELIVERED", "USSMUS=FAILED");
        assertThat(tracking.deliveries(documentId).get(1).get("last_error"))
                .isEqualTo("HTTP 400 Bad Request: {\"error\":\"unknown consignee\"}");
        // FAILED is committed first; the dead letter goes with the delivery's JMS transaction, just after
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deadLetters()).contains(documentId));
    }

    @Test
    void replaysFailedDeliveryOnceThePartnerIsFixedWithoutResendingToOthers() {
        PARTNER.answer("E2E-REPLAY-0001", 400, "{\"error\":\"unknown consignee\"}", 100);
        String documentId = drop("assay", "E2E-REPLAY-0001.csv", sample(CU + ".csv", CU, "E2E-REPLAY-0001"));
        awaitStatus(documentId, "FAILED");
        await().atMost(TIMEOUT).until(() -> tracking.isDelivered(documentId, "FWOPK"));
        PARTNER.answer("E2E-REPLAY-0001", 200, "{}", 0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deadLetters()).contains(documentId));
        // the replay API is for operators only
        assertThat(http.postForEntity("/api/documents/" + documentId + "/replay", null, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(http.exchange(
                                "/api/documents/" + documentId + "/replay",
                                HttpMethod.POST,
                                new HttpEntity<>(bearer("not-the-token")),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(new CorridorCli(
                                new PrintStream(new ByteArrayOutputStream(), true),
                                new PrintStream(new ByteArrayOutputStream(), true))
                        .run("replay", documentId, "--gateway", "http://localhost:" + port))
                .isNotZero();
        int exit = new CorridorCli(new PrintStream(out, true), new PrintStream(err, true))
                .run("replay", documentId, "--gateway", "http://localhost:" + port, "--token", OPERATOR_TOKEN);
        assertThat(exit).as(err.toString()).isZero();

        awaitStatus(documentId, "DELIVERED");
        assertThat(PARTNER.receivedContaining("E2E-REPLAY-0001"))
                .extracting(PartnerHttpServer.Received::answeredWith)
                .containsExactly(400, 200);
        // FWOPK had it already: the replay records "already delivered" instead of sending it again, on FWOPK's own
        // queue, which may come after USSMUS's delivery made the document DELIVERED
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.events(documentId))
                        .extracting(e -> e.get("stage") + ":" + e.get("partner_id"))
                        .contains("REPLAY:null")
                        .filteredOn(s -> s.equals("DELIVER:FWOPK"))
                        .hasSize(2));
        // the failed delivery's dead letter went with the replay: corridor.dead lists only what is still failed
        assertThat(deadLetters()).doesNotContain(documentId);
        ResponseEntity<String> again = http.exchange(
                "/api/documents/" + documentId + "/replay",
                HttpMethod.POST,
                new HttpEntity<>(bearer(OPERATOR_TOKEN)),
                String.class);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(http.exchange(
                                "/api/documents/D-NOPE/replay",
                                HttpMethod.POST,
                                new HttpEntity<>(bearer(OPERATOR_TOKEN)),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void acceptsDocumentPostedByAnAuthenticatedPartnerLikeADroppedFile() {
        byte[] content = sample(CU + ".csv", CU, "E2E-HTTP-IN-0001");
        HttpHeaders headers = bearer(KHILAB_TOKEN);
        headers.set("X-Corridor-File-Name", "E2E-HTTP-IN-0001.csv");
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);

        assertThat(http.exchange("/api/inbound", HttpMethod.POST, new HttpEntity<>(content), String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        HttpHeaders wrong = bearer("not-a-partner");
        wrong.set("X-Corridor-File-Name", "E2E-HTTP-IN-0001.csv");
        assertThat(http.exchange("/api/inbound", HttpMethod.POST, new HttpEntity<>(content, wrong), String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(newestDocumentNamed("E2E-HTTP-IN-0001.csv")).isNull();

        ResponseEntity<Map> accepted =
                http.exchange("/api/inbound", HttpMethod.POST, new HttpEntity<>(content, headers), Map.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String documentId = (String) accepted.getBody().get("documentId");
        assertThat(accepted.getBody()).containsEntry("partner", "KHILAB");

        awaitStatus(documentId, "DELIVERED");
        Map<String, Object> row = tracking.document(documentId).orElseThrow();
        assertThat(row)
                .containsEntry("intake", "http:KHILAB")
                .containsEntry("file_name", "E2E-HTTP-IN-0001.csv")
                .containsEntry("sha256", Hashing.sha256Hex(content));
        assertThat(Files.exists(Path.of((String) row.get("archive_path")))).isTrue();
        assertThat(HOME.resolve("outbox/FWOPK/" + documentId + ".json")).exists();
        // the same upload again (a client retrying after a lost answer) is the same document
        assertThat(http.exchange(
                                "/api/inbound?filename=E2E-HTTP-IN-0001.csv",
                                HttpMethod.POST,
                                new HttpEntity<>(content, bearer(KHILAB_TOKEN)),
                                Map.class)
                        .getBody())
                .containsEntry("documentId", documentId);
    }

    @Test
    void redeliveredProcessMessageDoesNotDeliverTwice() {
        String documentId = drop("assay", "E2E-TWICE-0001.csv", sample(CU + ".csv", CU, "E2E-TWICE-0001"));
        awaitStatus(documentId, "DELIVERED");
        Map<String, Object> row = tracking.document(documentId).orElseThrow();

        // what the broker would redeliver after a crash between the hand-off and its commit
        processAgain(documentId, "E2E-TWICE-0001.csv", row);

        await().atMost(TIMEOUT)
                .until(() -> tracking.events(documentId).stream()
                                .filter(e -> String.valueOf(e.get("detail")).startsWith("already delivered"))
                                .count()
                        == 2);
        assertThat(PARTNER.receivedContaining("E2E-TWICE-0001")).hasSize(1);
        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", "DELIVERED");
    }

    /**
     * After a kill during intake, the restarted gateway takes the file again and hands it to processing again, while
     * the first hand-off is still on its queue (crash campaign, trial 29): two processing passes, two delivery messages
     * for the same document and partner. Delivery messages are grouped by document (JMSXGroupID), so the partner's
     * two consumers never send one document at the same time and the second finds it delivered.
     */
    @Test
    void twoDeliveriesOfOneDocumentInFlightTogetherReachThePartnerOnce() {
        PARTNER.holdUntilAnother("E2E-RACE-0001", Duration.ofSeconds(3));
        String documentId = drop("assay", "E2E-RACE-0001.csv", sample(CU + ".csv", CU, "E2E-RACE-0001"));
        await().atMost(TIMEOUT)
                .until(() -> PARTNER.receivedContaining("E2E-RACE-0001").size() == 1);

        // the first request is held at the partner: a second pass hands the document to USSMUS's queue again
        processAgain(
                documentId, "E2E-RACE-0001.csv", tracking.document(documentId).orElseThrow());

        await().atMost(TIMEOUT)
                .until(() -> tracking.events(documentId).stream()
                        .anyMatch(e -> "USSMUS".equals(e.get("partner_id"))
                                && String.valueOf(e.get("detail")).startsWith("already delivered")));
        assertThat(PARTNER.receivedContaining("E2E-RACE-0001")).hasSize(1);
    }

    private void processAgain(String documentId, String fileName, Map<String, Object> row) {
        jms.send("corridor.process", session -> {
            jakarta.jms.TextMessage m = session.createTextMessage(documentId);
            for (Map.Entry<String, String> h : Headers.forProcessing(
                            documentId,
                            fileName,
                            (String) row.get("archive_path"),
                            (String) row.get("sha256"),
                            "folder:assay")
                    .entrySet()) {
                m.setStringProperty(h.getKey(), h.getValue());
            }
            return m;
        });
    }

    @Test
    void takingTheSameFileAgainAfterACrashGivesTheSameDocument() {
        // what intake does when the process dies after the hand-off but before the file left the inbox
        byte[] content = sample(CU + ".csv", CU, "E2E-AGAIN-0001");
        List<String> ids = new java.util.ArrayList<>();
        for (int pickUp = 0; pickUp < 2; pickUp++) {
            Exchange exchange = new DefaultExchange(camelContext);
            exchange.getIn().setBody(content);
            exchange.getIn().setHeader(Exchange.FILE_NAME_ONLY, "E2E-AGAIN-0001.csv");
            exchange.getIn().setHeader(Exchange.FILE_LAST_MODIFIED, 1_764_300_000_000L);
            intake.receiveFile(exchange, "assay");
            ids.add(exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class));
        }

        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM documents WHERE file_name = 'E2E-AGAIN-0001.csv'", Integer.class))
                .isEqualTo(1);
        assertThat(tracking.events(ids.get(0)))
                .extracting(e -> (String) e.get("detail"))
                .satisfiesExactly(
                        d -> assertThat(d).startsWith("received E2E-AGAIN-0001.csv"),
                        d -> assertThat(d).startsWith("received again E2E-AGAIN-0001.csv"));
    }

    @Test
    void reportsHealthUp() {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private List<String> deadLetters() {
        return jms.browse(
                "corridor.dead",
                (session, browser) -> Collections.list(browser.getEnumeration()).stream()
                        .map(m -> {
                            try {
                                return ((jakarta.jms.Message) m).getStringProperty(Headers.DOCUMENT_ID);
                            } catch (jakarta.jms.JMSException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList());
    }

    private String drop(String inbox, String name, byte[] content) {
        try {
            Files.write(HOME.resolve("inbox").resolve(inbox).resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return await().atMost(TIMEOUT).until(() -> newestDocumentNamed(name), id -> id != null);
    }

    private String newestDocumentNamed(String name) {
        return jdbc
                .queryForList(
                        "SELECT document_id FROM documents WHERE file_name = ? AND parent_id IS NULL"
                                + " ORDER BY received_at DESC",
                        String.class,
                        name)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private void awaitStatus(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", status));
    }
}
