package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.corridor.base.Hashing;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.RawHttpClient;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/inbound} and the actuator against a hostile caller: credentials are checked before a byte of the
 * body is read, bodies are capped and streamed to disk, the raw body is taken whatever the content type, and metrics
 * are for operators only.
 */
@ExtendWith(OutputCaptureExtension.class)
class InboundHttpTest extends GatewayTestBase {

    @Autowired
    ApplicationContext context;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CU = "KHILAB-CU-2025-0147";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @LocalServerPort
    int port;

    @Test
    void anAnonymousUploadIsRefusedBeforeItsBodyIsRead() throws IOException {
        long gigabyte = 1L << 30;
        RawHttpClient.Answer answer = new RawHttpClient(port)
                .post(
                        "/api/inbound?filename=huge.bin",
                        Map.of("Content-Type", "application/octet-stream"),
                        "not read ".getBytes(StandardCharsets.US_ASCII),
                        gigabyte,
                        false);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("a partner's bearer token or basic credentials are required");
        // the server answered after the headers and closed, reading none of the body beyond the socket buffers
        assertThat(answer.bodyBytesSent())
                .as("body bytes the client could send of 1 GB")
                .isLessThan(32L * 1024 * 1024);
        assertThat(documentsNamed("huge.bin")).isZero();
    }

    @Test
    void aClientThatAsksBeforeSendingIsRefusedWithoutSendingItsBody() throws IOException {
        RawHttpClient client = new RawHttpClient(port);

        assertThat(client.firstAnswerToExpectContinue("/api/inbound?filename=asked.bin", Map.of(), 1L << 30))
                .startsWith("HTTP/1.1 401");
        assertThat(client.firstAnswerToExpectContinue(
                        "/api/inbound?filename=asked.bin",
                        Map.of("Authorization", "Bearer " + KHILAB_TOKEN),
                        4L * INBOUND_MAX_BYTES))
                .startsWith("HTTP/1.1 413");
    }

    @Test
    void anUploadLongerThanTheCapIsRefusedWith413AndNothingIsKept() throws IOException {
        Map<String, String> headers = Map.of(
                "Authorization",
                "Bearer " + KHILAB_TOKEN,
                "X-Corridor-File-Name",
                "too-long.bin",
                "Content-Type",
                "application/octet-stream");
        byte[] pattern = "0123456789".getBytes(StandardCharsets.US_ASCII);
        RawHttpClient client = new RawHttpClient(port);

        // announced: refused on the Content-Length alone
        RawHttpClient.Answer announced = client.post("/api/inbound", headers, pattern, 4L * INBOUND_MAX_BYTES, false);
        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.body()).contains("corridor.inbound.max-bytes");
        assertThat(announced.bodyBytesSent()).isLessThan(4L * INBOUND_MAX_BYTES);

        // chunked: refused once the spooled body passes the cap, and the spool deleted
        RawHttpClient.Answer chunked =
                client.post("/api/inbound", headers, pattern, INBOUND_MAX_BYTES + 100_000L, true);
        assertThat(chunked.status()).isEqualTo(413);

        assertThat(documentsNamed("too-long.bin")).isZero();
        assertThat(archivedFiles())
                .noneMatch(p -> p.getFileName().toString().contains("too-long.bin"))
                .noneMatch(p -> p.getFileName().toString().startsWith(".incoming-"));
    }

    @Test
    void aBodyThatTricklesInIsRefusedWith408AndNothingIsKept() throws IOException {
        Map<String, String> headers = Map.of(
                "Authorization",
                "Bearer " + KHILAB_TOKEN,
                "X-Corridor-File-Name",
                "trickle.bin",
                "Content-Type",
                "application/octet-stream");
        // 100 bytes every 200 ms: 500 bytes a second where 1 KB a second is the least after the 2 s grace; the whole
        // 60 KB would take two minutes
        RawHttpClient.Answer answer = new RawHttpClient(port)
                .postSlowly(
                        "/api/inbound",
                        headers,
                        "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII),
                        60_000,
                        Duration.ofMillis(200));

        assertThat(answer.status()).as(answer.body()).isEqualTo(408);
        assertThat(answer.body()).contains("came too slowly").contains("corridor.inbound.min-bytes-per-second");
        assertThat(answer.bodyBytesSent()).as("bytes sent before the answer").isLessThan(60_000);
        assertThat(documentsNamed("trickle.bin")).isZero();
        assertThat(archivedFiles())
                .noneMatch(p -> p.getFileName().toString().contains("trickle.bin"))
                .noneMatch(p -> p.getFileName().toString().startsWith(".incoming-"));
    }

    @Test
    void anUploadUnderTheCapIsArchivedByteForByte() throws Exception {
        byte[] content = new byte[INBOUND_MAX_BYTES - 1];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 251);
        }
        HttpResponse<String> answer = post(
                "/api/inbound",
                "application/octet-stream",
                content,
                "Authorization",
                "Bearer " + KHILAB_TOKEN,
                "X-Corridor-File-Name",
                "just-under.bin");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        Map<String, Object> row = tracking.document(documentId(answer)).orElseThrow();
        assertThat(row).containsEntry("sha256", Hashing.sha256Hex(content)).containsEntry("intake", "http:KHILAB");
        assertThat(Files.mismatch(Path.of((String) row.get("archive_path")), write(content)))
                .isEqualTo(-1L);
    }

    @Test
    void aFormPostAsCurlSendsItIsTakenAsTheRawDocumentAndItsContentIsNotLogged(CapturedOutput output) throws Exception {
        // curl --data-binary @file without -H Content-Type: a form post of the file's bytes; the name in the query
        byte[] content = sample(CU + ".csv", CU, "INB-FORM-0001");
        HttpResponse<String> answer = post(
                "/api/inbound?filename=INB-FORM-0001.csv",
                "application/x-www-form-urlencoded",
                content,
                "Authorization",
                "Bearer " + KHILAB_TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String documentId = documentId(answer);
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", "DELIVERED"));
        Map<String, Object> row = tracking.document(documentId).orElseThrow();
        assertThat(row)
                .containsEntry("file_name", "INB-FORM-0001.csv")
                .containsEntry("sha256", Hashing.sha256Hex(content));
        assertThat(Files.readAllBytes(Path.of((String) row.get("archive_path"))))
                .isEqualTo(content);
        // the body was never parsed as form parameters, so Tomcat had no parameter (the file's lines) to log
        assertThat(output.getAll())
                .doesNotContain("was not followed by an '=' character")
                .doesNotContain("Character decoding failed")
                .doesNotContain("lot_no,sample_id");
    }

    @Test
    void anEmptyBodyIsRefusedWith400BeforeAnythingIsArchived() throws Exception {
        HttpResponse<String> announced = post(
                "/api/inbound?filename=INB-EMPTY-1.csv",
                "application/x-www-form-urlencoded",
                new byte[0],
                "Authorization",
                "Bearer " + KHILAB_TOKEN);
        RawHttpClient.Answer chunked = new RawHttpClient(port)
                .post(
                        "/api/inbound?filename=INB-EMPTY-2.csv",
                        Map.of("Authorization", "Bearer " + KHILAB_TOKEN),
                        new byte[] {1},
                        0,
                        true);

        assertThat(announced.statusCode()).isEqualTo(400);
        assertThat(announced.body()).contains("the body is empty");
        assertThat(chunked.status()).isEqualTo(400);
        assertThat(documentsNamed("INB-EMPTY-1.csv") + documentsNamed("INB-EMPTY-2.csv"))
                .isZero();
        assertThat(archivedFiles()).noneMatch(p -> p.getFileName().toString().contains("INB-EMPTY"));
    }

    @Test
    void metricsAndHealthDetailsAreForAdminsOnly() throws Exception {
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics/corridor.deliveries").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", "Authorization", "Bearer " + KHILAB_TOKEN)
                        .statusCode())
                .as("a partner is not staff")
                .isEqualTo(403);
        assertThat(get("/actuator/metrics", "Authorization", "Bearer " + OPERATOR_TOKEN)
                        .statusCode())
                .as("an operator is not an admin")
                .isEqualTo(403);
        HttpResponse<String> metrics = get("/actuator/metrics", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("\"names\"");

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
        assertThat(get("/actuator/health", "Authorization", "Bearer " + ADMIN_TOKEN)
                        .body())
                .contains("\"components\"")
                .contains("\"db\":{\"status\":\"UP\"");
        assertThat(context.getBean("dbHealthIndicator").getClass().getSimpleName())
                .as(
                        "the database's check is the one bounded in time, under Spring Boot's name for it (Spring Boot's own"
                                + " answers the same UP, but waits the pool's 30 s while the database is down)")
                .isEqualTo("BoundedDatabaseHealth");
        assertThat(get("/actuator/health/readiness").statusCode())
                .as("readiness is for anyone")
                .isEqualTo(200);
    }

    @Test
    void theOperatorTokenIsNoPartnerCredential() throws Exception {
        HttpResponse<String> answer = post(
                "/api/inbound?filename=INB-OP-1.csv",
                "text/csv",
                sample(CU + ".csv", CU, "INB-OP-0001"),
                "Authorization",
                "Bearer " + OPERATOR_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(documentsNamed("INB-OP-1.csv")).isZero();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static String documentId(HttpResponse<String> answer) {
        int start = answer.body().indexOf("\"documentId\":\"") + 14;
        return answer.body().substring(start, answer.body().indexOf('"', start));
    }

    private int documentsNamed(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM documents WHERE file_name = ?", Integer.class, name);
    }

    private static List<Path> archivedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(HOME.resolve("archive"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Path write(byte[] content) throws IOException {
        Path file = Files.createTempFile(HOME, "expected-", ".bin");
        Files.write(file, content);
        return file;
    }
}
