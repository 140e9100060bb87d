package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.corridor.audit.AuditHeads;
import org.corridor.cli.CorridorCli;
import org.corridor.support.GatewayTestBase;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The running gateway's audit log: what it records lands in the chain, with who did it; the check is for operators
 * (over HTTP and from the command line); the published daily heads are public.
 */
class AuditGatewayTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CU = "KHILAB-CU-2025-0147";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @LocalServerPort
    int port;

    @Test
    void everyTrackingEventOfADocumentHasItsAuditEntryAndTheUploadItsCaller() throws Exception {
        HttpResponse<String> answer = post(
                "/api/inbound?filename=AUDIT-0001.csv",
                sample(CU + ".csv", CU, "AUDIT-0001"),
                "Authorization",
                "Bearer " + KHILAB_TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String documentId = JSON.readTree(answer.body()).get("documentId").asText();
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", "DELIVERED"));

        // events and entries are written in one transaction each: once the document is delivered, both are there
        List<Map<String, Object>> events = tracking.events(documentId);
        List<Map<String, Object>> entries = jdbc.queryForList(
                "SELECT actor, action FROM audit_log WHERE subject = ?" + " ORDER BY seq", documentId);
        assertThat(entries).hasSameSizeAs(events);
        assertThat(entries)
                .extracting(e -> e.get("action") + " by " + e.get("actor"))
                .contains(
                        "document.received by KHILAB", "document.parsed by corridor", "document.delivered by corridor");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT actor FROM audit_log"
                                        + " WHERE action = 'api.request' AND subject = 'POST /api/inbound?filename=AUDIT-0001.csv'",
                                String.class))
                        .containsExactly("KHILAB"));
    }

    @Test
    void theGatewayRecordsTheAgreementAndPartnersItLoaded() {
        assertThat(jdbc.queryForList("SELECT subject FROM audit_log WHERE action = 'agreement.loaded'", String.class))
                .anyMatch(s -> s.startsWith("PK-US-CM-2025 version"));
        assertThat(jdbc.queryForList("SELECT subject FROM audit_log WHERE action = 'partner.loaded'", String.class))
                .contains("KHILAB", "USSMUS");
    }

    @Test
    void theCheckIsForAdministratorsAndFindsTheLogIntact() throws Exception {
        assertThat(get("/api/audit/verify").statusCode()).isEqualTo(401);
        assertThat(get("/api/audit/verify", "Authorization", "Bearer " + KHILAB_TOKEN)
                        .statusCode())
                .isEqualTo(403);

        assertThat(get("/api/audit/verify", "Authorization", "Bearer " + OPERATOR_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> answer = get("/api/audit/verify", "Authorization", "Bearer " + ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode v = JSON.readTree(answer.body());
        assertThat(v.get("intact").asBoolean()).as(answer.body()).isTrue();
        assertThat(v.get("entriesChecked").asLong()).isPositive();
        assertThat(v.get("head").get("hash").asText()).hasSize(64);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT actor FROM audit_log"
                                        + " WHERE action = 'api.request' AND subject = 'GET /api/audit/verify'",
                                String.class))
                        .contains("admin token"));
    }

    @Test
    void theCommandLineCheckSaysTheLogIsIntact() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new CorridorCli(new PrintStream(out, true), new PrintStream(err, true))
                .run("audit", "verify", "--gateway", "http://localhost:" + port, "--token", ADMIN_TOKEN);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("audit log intact: ").contains(" entries, head #");
        int refused = new CorridorCli(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true))
                .run("audit", "verify", "--gateway", "http://localhost:" + port, "--token", "wrong");
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).contains("audit verify: the gateway answered 401");
    }

    @Test
    void thePublishedHeadsArePublic() throws Exception {
        // today's head, written as the gateway writes it once the day is over (a clock a day ahead)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AuditHeads.in(jdbc, AuditHeads.folderOf(HOME), Clock.offset(Clock.systemUTC(), Duration.ofDays(1)))
                .writeClosedDays();
        HttpResponse<String> heads = get("/transparency/audit/heads");
        assertThat(heads.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(heads.body());
        assertThat(list).isNotEmpty();
        JsonNode last = list.get(list.size() - 1);
        assertThat(last.get("date").asText()).isEqualTo(today.toString());
        assertThat(last.get("hash").asText()).hasSize(64);
        HttpResponse<String> file = get("/transparency/audit/heads/" + today + ".txt");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body())
                .startsWith(today + " " + last.get("sequence").asLong() + " "
                        + last.get("hash").asText() + " ");
        assertThat(get("/transparency/audit/heads/1999-01-01.txt").statusCode()).isEqualTo(404);
        assertThat(get("/transparency/audit/heads/yesterday.txt").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
