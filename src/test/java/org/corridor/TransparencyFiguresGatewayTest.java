package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.dossier.DossierService;
import org.corridor.parse.PackingListRules;
import org.corridor.support.TrackedFiles;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The transparency report of a gateway that has done the paperwork: three copper shipments of October 2025 (the
 * sample dossier and two copies under their own references, 15 files dropped at once) and three declarations refused
 * for the quota. The October copper cell is published (three shipments, the policy's minimum) with its tonnes,
 * permit, documents and times as tracking recorded them; the refusals are counted by reason; and the public page
 * in headless Chromium shows the JSON's figures. The agreement is the sample's with the CU-2025 quota raised from
 * 45 t to 70 t, so that three shipments of 21.283 t fit.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransparencyFiguresGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path HOME =
            Path.of("target", "test-homes", "transparency-" + UUID.randomUUID()).toAbsolutePath();
    private static final Path CU = Path.of("sample-docs", "dossiers", "CU-2025-0147");
    private static final Path QUOTA =
            Path.of("sample-docs", "dossiers", "BAD_quota_exceeded", "PSW-SD-FWO-2025-0147.json");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Figures as written (0.000 stays 0.000, as the page shows it). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final Set<String> ENDED = Set.of("DELIVERED", "REJECTED", "FAILED");

    private static WebDriver browser;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) throws IOException {
        Path agreements = HOME.resolve("agreements-under-test");
        Files.createDirectories(agreements);
        try (Stream<Path> files = Files.list(Path.of("sample-docs", "agreements"))) {
            for (Path f : files.toList()) {
                String yaml = Files.readString(f, StandardCharsets.UTF_8);
                String raised = yaml.replace(
                        "{ id: CU-2025, commodity: CU_CONC, from: 2025-09-08, to: 2025-12-31, tonnes: 45 }",
                        "{ id: CU-2025, commodity: CU_CONC, from: 2025-09-08, to: 2025-12-31, tonnes: 70 }");
                assertThat(raised).as("the quota line of " + f).isNotEqualTo(yaml);
                Files.writeString(agreements.resolve(f.getFileName()), raised, StandardCharsets.UTF_8);
            }
        }
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.agreement-folders[0]", agreements::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void threeShipmentsOfAMonthArePublishedWithTheirFiguresAndRefusalsByReason() throws Exception {
        List<String> names = new ArrayList<>();
        // the sample shipment and two copies: every reference of the shipment made its own (same lengths, so the
        // fixed-width packing list stays aligned), the GD number too, so that each is counted once
        for (String n : List.of("7", "8", "9")) {
            try (Stream<Path> all = Files.list(CU)) {
                for (Path file : all.filter(p -> !p.getFileName().toString().startsWith("expected"))
                        .sorted()
                        .toList()) {
                    String name = file.getFileName().toString().replace("0147", "014" + n);
                    String text = Files.readString(file, StandardCharsets.UTF_8)
                            .replace("0147", "014" + n)
                            .replace("0004471", "000447" + n)
                            .replace("FWO-CU-L0", "FWO-CU-L" + n)
                            .replace("BKG-2025-0388", "BKG-2025-0" + n + "88")
                            .replace("TGHU8144721", container("TGHU" + n + "14472"))
                            .replace("MSKU6039155", container("MSKU" + n + "03915"));
                    Files.writeString(HOME.resolve("inbox/any").resolve(name), text, StandardCharsets.UTF_8);
                    names.add(name);
                }
            }
        }
        List<String> ids = names.stream().map(this::documentIdOf).toList();
        for (String id : ids) {
            awaitStatus(id, "DELIVERED");
        }
        // then three more copper declarations, each over the quota now the three shipments are counted
        List<String> refusedNames = new ArrayList<>();
        for (String n : List.of("1", "2", "3")) {
            String name = "PSW-SD-QUOTA-" + n + ".json";
            Files.writeString(
                    HOME.resolve("inbox/customs").resolve(name),
                    Files.readString(QUOTA, StandardCharsets.UTF_8).replace("0004502", "000450" + n + "9"),
                    StandardCharsets.UTF_8);
            refusedNames.add(name);
        }
        List<String> refused = refusedNames.stream().map(this::documentIdOf).toList();
        for (String id : refused) {
            awaitStatus(id, "REJECTED");
        }
        List<String> shipments = jdbc.queryForList(
                "SELECT shipment_ref FROM dossiers WHERE agreement_ref = 'PK-US-CM-2025' ORDER BY shipment_ref",
                String.class);
        assertThat(shipments).containsExactly("CU-2025-0147", "CU-2025-0148", "CU-2025-0149");
        for (String shipment : shipments) {
            awaitStatus(DossierService.documentId(shipment), "DELIVERED");
        }

        JsonNode report = JSON.readTree(get("/transparency/PK-US-CM-2025.json?month=2025-10"));

        assertThat(report.get("cells")).hasSize(1);
        JsonNode copper = report.get("cells").get(0);
        assertThat(copper.get("commodity").asText()).isEqualTo("CU_CONC");
        assertThat(copper.get("withheld").asBoolean()).isFalse();
        assertThat(copper.get("shipments").asInt()).isEqualTo(3);
        assertThat(copper.get("wetTonnes").decimalValue()).isEqualByComparingTo("63.849");
        assertThat(copper.get("permitTonnes").get("MOC-EXP-2025-CU-0312").decimalValue())
                .isEqualByComparingTo("63.849");
        assertThat(copper.get("documentsByKind").get("CUSTOMS_DECLARATION").asInt())
                .isEqualTo(3);
        // every document with a delivery (the 15 files' and the three dossiers) is measured once, none waiting
        int delivered = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT d.document_id) FROM documents d JOIN deliveries v ON v.document_id ="
                        + " d.document_id WHERE d.agreement_ref = 'PK-US-CM-2025'",
                Integer.class);
        JsonNode times = copper.get("dropToDelivered");
        assertThat(times.get("measured").asInt()).isEqualTo(delivered).isGreaterThanOrEqualTo(18);
        assertThat(times.get("waiting").asInt()).isZero();
        assertThat(times.get("p50Seconds").decimalValue())
                .isPositive()
                .isLessThanOrEqualTo(times.get("p95Seconds").decimalValue());
        // the US broker owes a 997 for each packing list and bill of lading it receives (its partner file), six here;
        // nobody sends them in this test, so all six are waiting and none is measured
        assertThat(copper.get("acknowledgement").get("measured").asInt()).isZero();
        assertThat(copper.get("acknowledgement").get("waiting").asInt()).isEqualTo(6);
        assertThat(report.get("quotas"))
                .filteredOn(q -> q.get("quotaId").asText().equals("CU-2025"))
                .singleElement()
                .satisfies(q -> assertThat(q.get("usedTonnes").decimalValue()).isEqualByComparingTo("63.849"));
        // the refusals count in the month they came in, under the rule they broke
        String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode refusals = JSON.readTree(get("/transparency/PK-US-CM-2025.json?month=" + thisMonth))
                .get("refusals");
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).get("commodity").asText()).isEqualTo("CU_CONC");
        assertThat(refusals.get(0).get("documents").asInt()).isEqualTo(3);
        assertThat(refusals.get(0).get("byReason").get("QUOTA_EXCEEDED").asInt())
                .isEqualTo(3);
        assertThat(get("/transparency/PK-US-CM-2025.csv?month=2025-10"))
                .contains("cell,CU_CONC,2025-10,shipments,3\r\n")
                .contains("cell,CU_CONC,2025-10,permit_tonnes_MOC-EXP-2025-CU-0312,63.849\r\n")
                .contains("cell,CU_CONC,2025-10,drop_to_delivered_measured," + delivered + "\r\n");
    }

    @Test
    @Order(2)
    void thePublicPageShowsTheFiguresOfTheJsonInABrowser() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: Debian's chromium and chromium-driver are not installed; .ci/run installs them");
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        options.setBinary(CHROMIUM.toFile());
        // the driver Debian ships, never one Selenium Manager would download
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .build(),
                options);
        JsonNode report = JSON.readTree(get("/transparency/PK-US-CM-2025.json"));

        browser.get("http://127.0.0.1:" + port + "/transparency/PK-US-CM-2025");

        assertThat(browser.getTitle()).isEqualTo("Transparency report: PK-US-CM-2025");
        for (String chart : List.of("chart-tonnes", "chart-quotas", "chart-times")) {
            assertThat(browser.findElement(By.id(chart)).isDisplayed())
                    .as(chart)
                    .isTrue();
            assertThat(browser.findElements(By.cssSelector("#" + chart + " rect.bar")))
                    .as(chart)
                    .isNotEmpty();
        }
        assertThat(browser.findElement(By.id("audit-head")).getText())
                .isEqualTo(report.get("auditHeadHash").asText());
        int published = 0;
        for (JsonNode c : report.get("cells")) {
            if (c.get("withheld").asBoolean()) {
                continue;
            }
            published++;
            String row = "tr[data-commodity='" + c.get("commodity").asText() + "'][data-month='"
                    + c.get("month").asText() + "']";
            WebElement cell = browser.findElement(By.cssSelector("#cells " + row));
            assertThat(cell.findElement(By.className("shipments")).getText())
                    .isEqualTo(c.get("shipments").asText());
            assertThat(cell.findElement(By.className("wet")).getText())
                    .isEqualTo(c.get("wetTonnes").decimalValue().toPlainString());
            assertThat(cell.findElement(By.className("dry")).getText())
                    .isEqualTo(c.get("dryTonnes").decimalValue().toPlainString());
            WebElement flow = browser.findElement(By.cssSelector("#flow " + row));
            assertThat(flow.findElement(By.className("delivered")).getText())
                    .isEqualTo(c.get("dropToDelivered").get("measured").asText());
            assertThat(flow.findElement(By.className("delivered-p50")).getText())
                    .isEqualTo(c.get("dropToDelivered")
                            .get("p50Seconds")
                            .decimalValue()
                            .toPlainString());
            assertThat(flow.findElement(By.className("delivered-p95")).getText())
                    .isEqualTo(c.get("dropToDelivered")
                            .get("p95Seconds")
                            .decimalValue()
                            .toPlainString());
        }
        assertThat(published).isEqualTo(1);
        for (JsonNode q : report.get("quotas")) {
            WebElement row = browser.findElement(
                    By.cssSelector("#quotas tr[data-quota='" + q.get("quotaId").asText() + "']"));
            assertThat(row.findElement(By.className("allowed")).getText())
                    .isEqualTo(q.get("allowedTonnes").decimalValue().toPlainString());
            if (!q.get("withheld").asBoolean()) {
                assertThat(row.findElement(By.className("used")).getText())
                        .isEqualTo(q.get("usedTonnes").decimalValue().toPlainString());
            }
        }
        for (JsonNode p : report.get("permits")) {
            WebElement row = browser.findElement(
                    By.cssSelector("#permits tr[data-permit='" + p.get("number").asText() + "']"));
            if (!p.get("withheld").asBoolean()) {
                assertThat(row.findElement(By.className("used")).getText())
                        .isEqualTo(p.get("usedTonnes").decimalValue().toPlainString());
            }
        }
        for (JsonNode f : report.get("refusals")) {
            if (f.get("withheld").asBoolean()) {
                continue;
            }
            WebElement row = browser.findElement(By.cssSelector(
                    "#refusals tr[data-commodity='" + f.get("commodity").asText() + "'][data-month='"
                            + f.get("month").asText() + "']"));
            assertThat(row.findElement(By.className("refused")).getText())
                    .isEqualTo(f.get("documents").asText());
        }
    }

    /** A container number: owner, category and serial with its ISO 6346 check digit. */
    private static String container(String tenCharacters) {
        return tenCharacters + PackingListRules.checkDigit(tenCharacters);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private String documentIdOf(String fileName) {
        return TrackedFiles.awaitDocumentId(jdbc, fileName, TIMEOUT);
    }

    /** Waits until the document has this status; fails at once when it ends otherwise, with its reason. */
    private void awaitStatus(String documentId, String status) {
        Map<String, Object> row = await().atMost(TIMEOUT)
                .until(
                        () -> tracking.document(documentId).orElse(Map.of()),
                        d -> status.equals(d.get("status")) || ENDED.contains(String.valueOf(d.get("status"))));
        assertThat(row.get("status")).as(documentId + ": " + row.get("reason")).isEqualTo(status);
    }
}
