package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.corridor.base.Hashing;
import org.corridor.base.Headers;
import org.corridor.intake.InboundRefusals;
import org.corridor.intake.IntakeService;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.PartnerHttpServer;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Partners speak only for themselves: the two attacks of issue 11 (the lab posting a customs status, the carrier
 * acknowledging the buyer's invoice in the buyer's name) are refused with 403 and recorded, and change nothing; the
 * same checks reject what comes from a partner's SFTP folder; legitimate posts still go through.
 */
class SenderAuthorizationGatewayTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    InboundRefusals refusals;

    @Autowired
    IntakeService intake;

    @Autowired
    CamelContext camelContext;

    @Autowired
    JmsTemplate jms;

    @LocalServerPort
    int port;

    @Test
    void aLaboratoryPostingACustomsStatusIsRefusedAndRecorded() throws Exception {
        byte[] status = customsStatus("PQEX-SB-0004471-14102025", "PQEX-SB-0009901-14102025");

        HttpResponse<String> answer = post("SA-STATUS-1.json", status, "Bearer " + KHILAB_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body())
                .contains("NOT_AUTHORIZED_SENDER")
                .contains("KHILAB may not send customs response documents")
                .contains("only CUSTOMS_AGENT may issue them")
                .contains("KHILAB is LABORATORY");
        assertThat(refusals.of("KHILAB")).anySatisfy(r -> {
            assertThat(r.fileName()).isEqualTo("SA-STATUS-1.json");
            assertThat(r.sha256()).isEqualTo(Hashing.sha256Hex(status));
            assertThat(r.reason()).contains("customs response");
        });
        // nothing archived, tracked or delivered: the exporter never hears of a release
        assertThat(documentsNamed("SA-STATUS-1.json")).isZero();
        assertThat(outbox("FWOPK")).noneMatch(text -> text.contains("PQEX-SB-0009901-14102025"));
    }

    @Test
    void aCarrierCannotAcknowledgeTheBuyersInvoiceButTheBuyerCan() throws Exception {
        String sentRef = invoiceSentToTheBuyer("SA-PINV-0001", "SAINV00001");
        String contrl = "UNB+UNOC:3+USSMUS:ZZZ+CORRIDOR:ZZZ+251021:0900+SAUS00001'UNH+1+CONTRL:D:3:UN'" + "UCI+"
                + sentRef + "+CORRIDOR:ZZZ+USSMUS:ZZZ+7'UCM+1+INVOIC:D:96A:UN+7'UNT+4+1'UNZ+1+SAUS00001'";

        HttpResponse<String> forged =
                post("SA-CONTRL-1.edi", contrl.getBytes(StandardCharsets.ISO_8859_1), "Bearer " + OCEANCAR_TOKEN);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body())
                .contains("names USSMUS (qualifier ZZZ) as its sender")
                .contains("sent by partner OCEANCAR");
        assertThat(refusals.of("OCEANCAR"))
                .anySatisfy(r -> assertThat(r.fileName()).isEqualTo("SA-CONTRL-1.edi"));
        assertThat(documentsNamed("SA-CONTRL-1.edi")).isZero();
        assertThat(ackStatusOf(sentRef)).isNull();
        String invoice = jdbc.queryForObject(
                "SELECT document_id FROM edi_interchanges WHERE direction = 'OUT'"
                        + " AND receiver = 'USSMUS' AND control_ref = ?",
                String.class,
                sentRef);
        assertThat(buyersDelivery(invoice)).containsEntry("status", "DELIVERED");

        // the buyer itself (basic credentials) acknowledges it: accepted, and the delivery is ACKNOWLEDGED
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("ussmus:" + USSMUS_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> genuine = post("SA-CONTRL-2.edi", contrl.getBytes(StandardCharsets.ISO_8859_1), basic);
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(202);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ackStatusOf(sentRef)).isEqualTo("ACKNOWLEDGED"));
        // the delivery is marked in a transaction of its own, after the interchange
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(buyersDelivery(invoice)).containsEntry("status", "ACKNOWLEDGED"));
    }

    private Map<String, Object> buyersDelivery(String documentId) {
        return tracking.deliveries(documentId).stream()
                .filter(d -> "USSMUS".equals(d.get("partner_id")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDocumentNamingAnotherIssuerIsRejectedInProcessing() throws Exception {
        // LAB2 is a laboratory, so the upload passes the preview; the certificate's lab is KHILAB, not LAB2
        byte[] certificate = sample("KHILAB-CU-2025-0147.csv", "KHILAB-CU-2025-0147", "SA-LAB2-0001");

        HttpResponse<String> answer = post("SA-LAB2-0001.csv", certificate, "Bearer " + LAB2_TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String documentId = documentIdOf(answer);
        awaitStatus(documentId, "REJECTED");
        assertThat(tracking.document(documentId).orElseThrow().get("reason").toString())
                .contains("NOT_AUTHORIZED_SENDER")
                .contains("names KHILAB")
                .contains("as its lab");
        assertThat(Files.readString(HOME.resolve("error/SA-LAB2-0001.csv.error.txt")))
                .contains("NOT_AUTHORIZED_SENDER")
                .contains("sent by partner LAB2");
        assertThat(PARTNER.receivedContaining("SA-LAB2-0001")).isEmpty();
    }

    @Test
    void aCustomsStatusFromTheLaboratorysSftpFolderIsRejectedWithAReason() throws Exception {
        byte[] status = customsStatus("PQEX-SB-0004471-14102025", "PQEX-SB-0009902-14102025");

        String documentId = fromSftpFolder("KHILAB", "SA-STATUS-SFTP.json", status);

        awaitStatus(documentId, "REJECTED");
        assertThat(Files.readString(HOME.resolve("error/SA-STATUS-SFTP.json.error.txt")))
                .contains("Code:      NOT_AUTHORIZED_SENDER")
                .contains("KHILAB may not send customs response documents");
        assertThat(outbox("FWOPK")).noneMatch(text -> text.contains("PQEX-SB-0009902-14102025"));
    }

    @Test
    void anInterchangeUnderAnotherPartysIdFromAnSftpFolderGetsANegativeContrlToItsRealSender() throws Exception {
        String iftsta = Files.readString(
                        Path.of("sample-docs/edifact/OCEANCAR-IFTSTA-ASOC-BL-2025-0147.edi"),
                        StandardCharsets.ISO_8859_1)
                .replace("UNB+UNOA:2+OCEANCAR:ZZZ+", "UNB+UNOA:2+USSMUS:ZZZ+")
                .replace("ASOC25103101", "SAFORGED01");

        String documentId =
                fromSftpFolder("OCEANCAR", "SA-IFTSTA-SFTP.edi", iftsta.getBytes(StandardCharsets.ISO_8859_1));

        awaitStatus(documentId, "REJECTED");
        assertThat(tracking.document(documentId).orElseThrow().get("reason").toString())
                .contains("NOT_AUTHORIZED_SENDER")
                .contains("names USSMUS");
        Path contrl = HOME.resolve("outbox/OCEANCAR/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UCI+SAFORGED01+USSMUS:ZZZ+")
                .contains("+4'");
        assertThat(HOME.resolve("outbox/USSMUS/" + documentId + "-ack.contrl.edi"))
                .doesNotExist();
        // not registered as USSMUS's interchange: the buyer's own SAFORGED01 would not be a duplicate
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM edi_interchanges WHERE direction = 'IN'"
                                + " AND control_ref = 'SAFORGED01'",
                        Integer.class))
                .isZero();
    }

    /** Drops a sales invoice in the staff inbox; returns the control reference of the INVOIC sent to the buyer. */
    private String invoiceSentToTheBuyer(String invoiceNo, String controlRef) throws Exception {
        String invoice = Files.readString(
                        Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"), StandardCharsets.ISO_8859_1)
                .replace("FWO-PINV-2025-0201", invoiceNo)
                .replace("FWO0000201", controlRef);
        Files.writeString(HOME.resolve("inbox/any").resolve(invoiceNo + ".edi"), invoice, StandardCharsets.ISO_8859_1);
        await().atMost(TIMEOUT)
                .until(() -> !PARTNER.receivedContaining(invoiceNo).isEmpty());
        PartnerHttpServer.Received post = PARTNER.receivedContaining(invoiceNo).get(0);
        Matcher unb = Pattern.compile("UNB\\+UNOC:3\\+CORRIDOR:ZZZ\\+USSMUS:ZZZ\\+\\d+:\\d+\\+(\\d+)'")
                .matcher(post.bodyText());
        assertThat(unb.find()).as(post.bodyText()).isTrue();
        String sentRef = unb.group(1);
        await().atMost(TIMEOUT)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM edi_interchanges"
                                        + " WHERE direction = 'OUT' AND receiver = 'USSMUS' AND control_ref = ?",
                                Integer.class,
                                sentRef)
                        == 1);
        // the partner got the POST before the gateway read its answer and marked the delivery DELIVERED
        String documentId = jdbc.queryForObject(
                "SELECT document_id FROM edi_interchanges WHERE direction = 'OUT' AND receiver = 'USSMUS'"
                        + " AND control_ref = ?",
                String.class,
                sentRef);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(buyersDelivery(documentId)).containsEntry("status", "DELIVERED"));
        return sentRef;
    }

    /** What the SFTP intake route does with a file from the partner's folder: archive, then hand to processing. */
    private String fromSftpFolder(String partner, String name, byte[] content) {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.getIn().setBody(content);
        exchange.getIn().setHeader(Exchange.FILE_NAME_ONLY, name);
        exchange.getIn().setHeader(Exchange.FILE_LAST_MODIFIED, System.currentTimeMillis());
        intake.receiveSftpFile(exchange, partner);
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        jms.send("corridor.process", session -> {
            TextMessage m = session.createTextMessage(documentId);
            for (Map.Entry<String, Object> h : exchange.getIn().getHeaders().entrySet()) {
                m.setStringProperty(h.getKey(), String.valueOf(h.getValue()));
            }
            return m;
        });
        return documentId;
    }

    private static byte[] customsStatus(String gdNumber, String replacement) throws Exception {
        return Files.readString(Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json"))
                .replace(gdNumber, replacement)
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String fileName, byte[] body, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inbound"))
                .header("Authorization", authorization)
                .header("X-Corridor-File-Name", fileName)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String documentIdOf(HttpResponse<String> answer) {
        int start = answer.body().indexOf("\"documentId\":\"") + 14;
        return answer.body().substring(start, answer.body().indexOf('"', start));
    }

    private String ackStatusOf(String sentRef) {
        return jdbc.queryForObject(
                "SELECT ack_status FROM edi_interchanges WHERE direction = 'OUT'"
                        + " AND receiver = 'USSMUS' AND control_ref = ?",
                String.class,
                sentRef);
    }

    private int documentsNamed(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM documents WHERE file_name = ?", Integer.class, name);
    }

    private static java.util.List<String> outbox(String partner) throws java.io.IOException {
        Path folder = HOME.resolve("outbox").resolve(partner);
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            // a file still being written (.inflight-) is renamed under our feet: only finished files are read
            return files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(f -> {
                        try {
                            return Files.readString(f, StandardCharsets.ISO_8859_1);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private void awaitStatus(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", status));
    }
}
