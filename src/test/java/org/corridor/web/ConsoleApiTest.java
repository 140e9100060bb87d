package org.corridor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.corridor.base.ClusterSettings;
import org.corridor.base.Hashing;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.PartnerHttpServer;
import org.corridor.track.DocumentIndex;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff API against the running gateway: who may call what (every role against every endpoint), each filter and
 * paging edge of the document list, the form login with its CSRF token, and a document's original, canonical form
 * and delivered payload after a real upload.
 */
class ConsoleApiTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    ClusterSettings cluster;

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    /** Who calls, by the Authorization header it sends (none: anonymous). */
    enum Caller {
        ANONYMOUS,
        PARTNER,
        VIEWER,
        OPERATOR,
        ADMIN;

        String authorization() {
            return switch (this) {
                case ANONYMOUS -> null;
                case PARTNER -> "Bearer " + KHILAB_TOKEN;
                case VIEWER -> "Bearer " + VIEWER_TOKEN;
                case OPERATOR -> "Bearer " + OPERATOR_TOKEN;
                case ADMIN -> "Bearer " + ADMIN_TOKEN;
            };
        }
    }

    static Stream<Arguments> roleMatrix() {
        List<Arguments> cases = new ArrayList<>();
        // method, path, then the status for ANONYMOUS, PARTNER, VIEWER, OPERATOR, ADMIN
        Object[][] table = {
            {"GET", "/api/documents", 401, 403, 200, 200, 200},
            {"GET", "/api/documents/NO-SUCH-DOC", 401, 403, 404, 404, 404},
            {"GET", "/api/documents/NO-SUCH-DOC/original", 401, 403, 404, 404, 404},
            {"GET", "/api/documents/NO-SUCH-DOC/canonical", 401, 403, 404, 404, 404},
            {"GET", "/api/documents/NO-SUCH-DOC/deliveries/USSMUS/payload", 401, 403, 404, 404, 404},
            {"GET", "/api/partners", 401, 403, 200, 200, 200},
            {"GET", "/api/agreements", 401, 403, 200, 200, 200},
            {"GET", "/api/agreements/NO-SUCH-AGREEMENT", 401, 403, 404, 404, 404},
            {"GET", "/api/dossiers/NO-SUCH-SHIPMENT", 401, 403, 404, 404, 404},
            {"POST", "/api/documents/NO-SUCH-DOC/replay", 401, 403, 403, 404, 404},
            {"POST", "/api/deliveries/NO-SUCH-DOC:USSMUS/retry", 401, 403, 403, 404, 404},
            {"POST", "/api/documents", 401, 403, 403, 400, 400},
            {"GET", "/v3/api-docs", 401, 403, 403, 403, 200},
            {"GET", "/actuator/metrics", 401, 403, 403, 403, 200},
            {"GET", "/actuator/health", 200, 200, 200, 200, 200},
            {"GET", "/actuator/health/readiness", 200, 200, 200, 200, 200},
        };
        for (Object[] row : table) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(row[0], row[1], caller, row[2 + caller.ordinal()]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("roleMatrix")
    void eachRoleGetsExactlyWhatItMay(String method, String path, Caller caller, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (caller.authorization() != null) {
            request.header("Authorization", caller.authorization());
        }
        if ("POST".equals(method)) {
            // an empty multipart form: the upload answers 400 once allowed, the others ignore it
            request.header("Content-Type", "multipart/form-data; boundary=xyz")
                    .POST(HttpRequest.BodyPublishers.ofString("--xyz--\r\n"));
        }
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
        }
    }

    @Test
    void theListPagesNewestFirstByCursorWithoutLosingOrRepeatingARow() throws Exception {
        String agreement = "AGR-PAGE-" + UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.parse("2025-03-01T10:00:00Z");
        // two share their received time: the id breaks the tie, so no row is lost between pages
        insert("P1-" + agreement, base, agreement, "RECEIVED", "ASSAY_CERTIFICATE", "KHILAB", "CU-P", "X-1.csv");
        insert("P2-" + agreement, base.plusSeconds(60), agreement, "RECEIVED", "INVOICE", "USSMUS", "CU-P", "X-2.csv");
        insert("P3-" + agreement, base.plusSeconds(60), agreement, "RECEIVED", "INVOICE", "USSMUS", "CU-P", "X-3.csv");
        insert("P4-" + agreement, base.plusSeconds(120), agreement, "RECEIVED", "INVOICE", "USSMUS", "CU-P", "X-4.csv");
        insert("P5-" + agreement, base.plusSeconds(180), agreement, "RECEIVED", "INVOICE", "USSMUS", "CU-P", "X-5.csv");

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = list("agreement=" + agreement + "&size=2" + (next == null ? "" : "&cursor=" + next));
            assertThat(page.path("total").asLong()).isEqualTo(5);
            page.path("items").forEach(i -> seen.add(i.path("id").asText()));
            next = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactly(
                        "P5-" + agreement, "P4-" + agreement, "P3-" + agreement, "P2-" + agreement, "P1-" + agreement);
        JsonNode exact = list("agreement=" + agreement + "&size=5");
        assertThat(exact.path("items")).hasSize(5);
        assertThat(exact.path("next").isNull())
                .as("a page that holds the rest has no next")
                .isTrue();
        assertThat(list("agreement=NO-SUCH-" + agreement).path("total").asLong())
                .isZero();
    }

    @Test
    void aBadCursorOrPageSizeOrDateIsAProblemThatSaysWhatIsExpected() throws Exception {
        for (String query : List.of("cursor=not-a-cursor", "size=0", "size=201", "from=yesterday")) {
            HttpResponse<String> answer = get("/api/documents?" + query, "Bearer " + VIEWER_TOKEN);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("code").asText()).as(query).isNotBlank();
            assertThat(problem.path("detail").asText()).as(query).containsAnyOf("cursor", "size", "dates");
        }
    }

    @Test
    void everyFilterNarrowsTheListToWhatItNames() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String agreement = "AGR-F-" + tag;
        Instant base = Instant.parse("2025-04-01T08:00:00Z");
        insert(
                "F1-" + tag,
                base,
                agreement,
                "DELIVERED",
                "ASSAY_CERTIFICATE",
                "KHILAB",
                "CU-" + tag,
                "KHILAB-CU-2025-" + tag + ".csv");
        insert(
                "F2-" + tag,
                base.plus(Duration.ofDays(2)),
                agreement,
                "REJECTED",
                "BILL_OF_LADING",
                "OCEANCAR",
                "BL-" + tag,
                "bl-" + tag + ".edi");
        jdbc.update(
                "INSERT INTO deliveries (document_id, partner_id, doc_format, status, attempts, created_at,"
                        + " updated_at) VALUES (?, 'USSMUS', 'CANONICAL_JSON', 'DELIVERED', 1, ?, ?)",
                "F1-" + tag,
                Timestamp.from(base),
                Timestamp.from(base));
        String scope = "agreement=" + agreement;

        assertThat(ids(scope)).containsExactly("F2-" + tag, "F1-" + tag);
        assertThat(ids(scope + "&status=DELIVERED")).containsExactly("F1-" + tag);
        assertThat(ids(scope + "&kind=BILL_OF_LADING")).containsExactly("F2-" + tag);
        assertThat(ids(scope + "&sender=KHILAB")).containsExactly("F1-" + tag);
        assertThat(ids(scope + "&recipient=USSMUS")).containsExactly("F1-" + tag);
        assertThat(ids(scope + "&shipment=BL-" + tag)).containsExactly("F2-" + tag);
        assertThat(ids(scope + "&from=2025-04-02")).containsExactly("F2-" + tag);
        assertThat(ids(scope + "&to=2025-04-01")).containsExactly("F1-" + tag);
        assertThat(ids(scope + "&from=2025-04-03T08:00:00Z")).containsExactly("F2-" + tag);
        // free text: a number by a word inside it, with other punctuation, by its tail, and a whole file name
        assertThat(ids(scope + "&q=" + enc("cu 2025-" + tag))).containsExactly("F1-" + tag);
        assertThat(ids(scope + "&q=" + enc(tag))).containsExactly("F2-" + tag, "F1-" + tag);
        assertThat(ids(scope + "&q=" + enc("bl-" + tag + ".edi"))).containsExactly("F2-" + tag);
        assertThat(ids(scope + "&q=" + enc("--"))).isEmpty();
        assertThat(ids("q=" + enc("NUM-F1-" + tag))).containsExactly("F1-" + tag);
    }

    @Test
    void aStaffUploadIsProcessedAndItsOriginalCanonicalAndPayloadCanBeRead() throws Exception {
        String cert = "API-CU-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        byte[] content = sample("KHILAB-CU-2025-0147.csv", "KHILAB-CU-2025-0147", cert);
        HttpResponse<String> uploaded = upload(cert + ".csv", content, "Bearer " + OPERATOR_TOKEN);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String documentId = JSON.readTree(uploaded.body()).path("documentId").asText();
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", "DELIVERED"));

        HttpResponse<byte[]> original = client.send(
                HttpRequest.newBuilder(uri("/api/documents/" + documentId + "/original"))
                        .header("Authorization", "Bearer " + VIEWER_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(content);
        assertThat(original.headers().firstValue(DocumentApi.SHA256_HEADER)).hasValue(Hashing.sha256Hex(content));

        JsonNode detail = JSON.readTree(
                get("/api/documents/" + documentId, "Bearer " + VIEWER_TOKEN).body());
        assertThat(detail.path("businessNumber").asText()).isEqualTo(cert);
        assertThat(detail.path("timeline").get(0).path("at").asText()).isNotBlank();
        // every event names the node that wrote it
        assertThat(detail.path("timeline").findValuesAsText("node"))
                .isNotEmpty()
                .containsOnly(cluster.nodeId());
        assertThat(detail.path("deliveries").findValuesAsText("partner")).contains("USSMUS");
        assertThat(detail.path("findings").isArray()).isTrue();
        HttpResponse<String> canonical = get("/api/documents/" + documentId + "/canonical", "Bearer " + VIEWER_TOKEN);
        assertThat(canonical.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(canonical.body()).path("documentId").asText()).isEqualTo(documentId);
        HttpResponse<String> payload =
                get("/api/documents/" + documentId + "/deliveries/USSMUS/payload", "Bearer " + VIEWER_TOKEN);
        assertThat(payload.statusCode()).isEqualTo(200);
        assertThat(PARTNER.receivedContaining(documentId))
                .extracting(PartnerHttpServer.Received::bodyText)
                .contains(payload.body());
        assertThat(ids("q=" + enc(cert))).contains(documentId);
        assertThat(tracking.document(documentId).orElseThrow().get("intake"))
                .as("the upload names who made it")
                .isEqualTo("console:operator token");
    }

    @Test
    void aBrowserLogsInWithItsCsrfTokenAndItsSessionsWritesNeedTheTokenToo() throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf =
                csrfOf(browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());

        HttpResponse<String> withoutToken = browser.send(
                form("/login", "username=olga&password=" + STAFF_PASSWORD), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode())
                .as("a login without its CSRF token")
                .isEqualTo(403);
        HttpResponse<String> in = browser.send(
                form("/login", "username=olga&password=" + STAFF_PASSWORD + "&_csrf=" + csrf),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElseThrow()).doesNotContain("login");

        assertThat(browser.send(
                                HttpRequest.newBuilder(uri("/api/documents")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        HttpRequest.Builder replay = HttpRequest.newBuilder(uri("/api/documents/NO-SUCH-DOC/replay"))
                .POST(HttpRequest.BodyPublishers.noBody());
        assertThat(browser.send(replay.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a session's write without the CSRF token")
                .isEqualTo(403);
        // the session's own token: logging in made a new one
        String sessionCsrf =
                csrfOf(browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
        assertThat(browser.send(
                                replay.header("X-CSRF-TOKEN", sessionCsrf).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("an operator's replay of nothing")
                .isEqualTo(404);
    }

    @Test
    void theConsolePagesNeedALoginAndTheirWritesAnOperator() throws Exception {
        HttpResponse<String> anonymous =
                client.send(HttpRequest.newBuilder(uri("/partners")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fpartners");
        for (String login : List.of("/login?next=%2Fpartners", "/login?error", "/login?logout")) {
            assertThat(client.send(HttpRequest.newBuilder(uri(login)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as(login + " is the login page, not a redirect to it")
                    .isEqualTo(200);
        }
        assertThat(client.send(
                                HttpRequest.newBuilder(uri("/console-assets/console.css"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("assets are public")
                .isEqualTo(200);
        assertThat(client.send(
                                HttpRequest.newBuilder(uri("/webjars/htmx.org/dist/htmx.min.js"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("htmx comes from the jar")
                .isEqualTo(200);

        HttpClient vera = loggedIn("vera");
        for (String page :
                List.of("/", "/partners", "/dead-letters", "/upload", "/agreements", "/documents/NO-SUCH-DOC")) {
            HttpResponse<String> answer =
                    vera.send(HttpRequest.newBuilder(uri(page)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).contains("Log out").doesNotContain("cdn.");
        }
        String csrf =
                csrfOf(vera.send(HttpRequest.newBuilder(uri("/upload")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
        HttpResponse<String> retry = vera.send(
                form("/dead-letters/retry", "documentId=X&partnerId=Y&_csrf=" + csrf),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).as("a viewer's retry").isEqualTo(403);
        assertThat(retry.body()).contains("Uploads, replays and retries are for operators");
        assertThat(vera.send(
                                HttpRequest.newBuilder(uri("/swagger-ui/index.html"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("Swagger UI for a viewer")
                .isEqualTo(403);
        assertThat(loggedIn("adam")
                        .send(
                                HttpRequest.newBuilder(uri("/swagger-ui/index.html"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("Swagger UI for an admin")
                .isEqualTo(200);
    }

    private HttpClient loggedIn(String user) throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf =
                csrfOf(browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
        HttpResponse<String> in = browser.send(
                form("/login", "username=" + user + "&password=" + STAFF_PASSWORD + "&_csrf=" + csrf),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.headers().firstValue("Location").orElseThrow())
                .as(user + " logged in")
                .doesNotContain("login");
        return browser;
    }

    private void insert(
            String id,
            Instant at,
            String agreement,
            String status,
            String kind,
            String sender,
            String shipment,
            String fileName) {
        Timestamp t = Timestamp.from(at);
        String number = "NUM-" + id;
        jdbc.update(
                "INSERT INTO documents (document_id, file_name, intake, sha256, size_bytes, archive_path, kind,"
                        + " agreement_ref, status, received_at, updated_at, business_no, sender_id, shipment_ref)"
                        + " VALUES (?, ?, 'folder:test', 'x', 1, '', ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                fileName,
                kind,
                agreement,
                status,
                t,
                t,
                number,
                sender,
                shipment);
        jdbc.update(
                "INSERT INTO events (document_id, stage, detail, created_at) VALUES (?, 'INTAKE', 'received', ?)",
                id,
                t);
        Set<String> terms = new LinkedHashSet<>(DocumentIndex.terms(List.of(fileName, shipment, number)));
        terms.forEach(term -> jdbc.update("INSERT INTO document_terms (term, document_id) VALUES (?, ?)", term, id));
    }

    private JsonNode list(String query) throws Exception {
        HttpResponse<String> answer = get("/api/documents?" + query, "Bearer " + VIEWER_TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private List<String> ids(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        list(query + "&size=200")
                .path("items")
                .forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String fileName, byte[] content, String authorization) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.UTF_8));
        return client.send(
                HttpRequest.newBuilder(uri("/api/documents"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The CSRF token of a page's form. */
    static String csrfOf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
