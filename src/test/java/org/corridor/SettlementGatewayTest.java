package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.settlement.SettlementService;
import org.corridor.settlement.SettlementState;
import org.corridor.support.HeadlessChromium;
import org.corridor.support.SampleDossier;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Settlement through the running gateway (issue 17), on the copper shipment of sample-docs with the sample agreement's
 * illustrative copper terms: the provisional invoice waits, with the reason, until a price is in; then the gateway
 * issues it and the buyer receives it as EDIFACT INVOIC (BGM 325) once; the buyer's assay and the November prices
 * (the quotational period, M+1 of the October B/L) give the final invoice for the balance; a partner's own provisional
 * invoice that states another amount carries a SETTLEMENT_DIFFERENCE warning with both figures. Every amount below
 * was worked out by hand from the inputs (docs/settlement.md shows how).
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path HOME =
            Path.of("target", "test-homes", "settlement-" + UUID.randomUUID()).toAbsolutePath();
    private static final Path CU = Path.of("sample-docs", "dossiers", "CU-2025-0147");
    private static final Path INPUTS = Path.of("src", "test", "resources", "settlement", "gateway");
    private static final Path PRICES = Path.of("sample-docs", "prices");
    private static final String SHIPMENT = "CU-2025-0147";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    SettlementService settlements;

    @LocalServerPort
    int port;

    private static final String VIEWER_TOKEN = "viewer-" + UUID.randomUUID();
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        registry.add("corridor.api.viewer-token", () -> VIEWER_TOKEN);
        registry.add("corridor.users.vera.role", () -> "VIEWER");
        registry.add("corridor.users.vera.password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
    }

    @Test
    @Order(1)
    void withoutAPriceTheProvisionalInvoiceWaitsAndSaysForWhat() throws IOException {
        List<Path> files = SampleDossier.files(CU);
        for (Path file : files) {
            Files.copy(file, HOME.resolve("inbox/any").resolve(file.getFileName()));
        }
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(settlements.states(SHIPMENT))
                        .extracting(SettlementState::stage, SettlementState::state)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("PROVISIONAL", "WAITING"),
                                org.assertj.core.groups.Tuple.tuple("FINAL", "WAITING")));
        // the dossier is complete only once all five files are in; the reason is then the price alone
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(
                                settlements.states(SHIPMENT).get(0).reason())
                        .isEqualTo("waiting for a LME CU price in USD_PER_T on or before the B/L date 2025-10-12"));
        assertThat(settlements.states(SHIPMENT).get(1).reason())
                .startsWith("waiting for the provisional invoice, the buyer's assay of Cu");
        // nothing guessed: no invoice was written, none taken in
        assertThat(HOME.resolve("inbox/settlement")).isEmptyDirectory();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM documents WHERE business_no LIKE 'STL-%'", Integer.class))
                .isZero();
    }

    @Test
    @Order(2)
    void aPriceFinishesTheProvisionalInvoiceAndTheBuyerGetsItOnceAsInvoic() throws IOException {
        // the clerk drops the LME prices into inbox/prices; their arrival wakes the waiting settlement
        for (String month : List.of("LME-CU-2025-10.csv", "LME-CU-2025-11.csv")) {
            Files.copy(PRICES.resolve(month), HOME.resolve("inbox/prices").resolve(month));
        }

        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(settlements.states(SHIPMENT).get(0).state()).isEqualTo("ISSUED"));
        SettlementState provisional = settlements.states(SHIPMENT).get(0);
        assertThat(provisional.invoiceNo()).isEqualTo("STL-CU-2025-0147-P");
        assertThat(provisional.invoiceType()).isEqualTo("PROVISIONAL");
        assertThat(provisional.amount()).isEqualByComparingTo(PROVISIONAL_AMOUNT);

        String invoic = awaitInvoic("STL-CU-2025-0147-P");
        assertThat(invoic).contains("BGM+325+STL-CU-2025-0147-P+9'").contains("MOA+77:" + PROVISIONAL_AMOUNT + "'");

        // deciding again (a redelivered document, the sweep) issues nothing new
        settlements.settle(SHIPMENT, null);
        settlements.settleWaiting();
        assertThat(HOME.resolve("inbox/settlement")).isEmptyDirectory();
        String invoiceId = jdbc.queryForObject(
                "SELECT document_id FROM documents WHERE business_no = 'STL-CU-2025-0147-P'", String.class);

        // a crash after the invoice was committed (ISSUING) and written, before its stage was marked issued: decided
        // again, the same file (name, bytes, modification time) goes in again, which the intake takes as the same
        // document, and the buyer still gets it once
        jdbc.update(
                "UPDATE settlements SET state = 'ISSUING' WHERE shipment_ref = ? AND stage = 'PROVISIONAL'", SHIPMENT);
        settlements.settle(SHIPMENT, null);
        assertThat(settlements.states(SHIPMENT).get(0).state()).isEqualTo("ISSUED");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.events(invoiceId))
                        .filteredOn(e -> "INTAKE".equals(String.valueOf(e.get("stage"))))
                        .hasSizeGreaterThanOrEqualTo(2));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(HOME.resolve("inbox/settlement")).isEmptyDirectory());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM deliveries WHERE partner_id = 'USSMUS' AND document_id = ?",
                        Integer.class,
                        invoiceId))
                .isEqualTo(1);
        try (Stream<Path> out = Files.list(HOME.resolve("outbox/USSMUS"))) {
            assertThat(out.filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> read(p).contains("+STL-CU-2025-0147-P+")))
                    .hasSize(1);
        }
    }

    @Test
    @Order(3)
    void theBuyersAssayAndTheQuotationalPeriodsPricesGiveTheFinalInvoiceForTheBalance() throws IOException {
        Files.copy(
                Path.of("sample-docs", "settlement", "USSM-LAB-CU-2025-0147.csv"),
                HOME.resolve("inbox/assay").resolve("USSM-LAB-CU-2025-0147.csv"));

        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(settlements.states(SHIPMENT).get(1).state()).isEqualTo("ISSUED"));
        SettlementState fin = settlements.states(SHIPMENT).get(1);
        assertThat(fin.invoiceType()).isEqualTo(FINAL_TYPE);
        assertThat(fin.amount()).isEqualByComparingTo(FINAL_AMOUNT);
        assertThat(fin.calculation().at("/price/average/average").decimalValue())
                .isEqualByComparingTo("9536.4375");
        assertThat(fin.calculation().at("/balance/provisionalAmount").decimalValue())
                .isEqualByComparingTo(PROVISIONAL_AMOUNT);

        String invoic = awaitInvoic(fin.invoiceNo());
        assertThat(invoic).contains("+" + fin.invoiceNo() + "+9'").contains("MOA+77:" + FINAL_AMOUNT + "'");
    }

    @Test
    @Order(4)
    void aPartnersProvisionalInvoiceThatStatesAnotherAmountCarriesBothFigures() throws IOException {
        String json = Files.readString(INPUTS.resolve("FWO-PINV-2025-0147.json"));
        Files.writeString(HOME.resolve("inbox/any").resolve("FWO-PINV-2025-0147.json"), json);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(settlements.checks(SHIPMENT))
                        .singleElement()
                        .satisfies(c -> {
                            assertThat(c.outcome()).isEqualTo("DIFFERS");
                            assertThat(c.statedAmount()).isEqualByComparingTo("4800.00");
                            assertThat(c.computedAmount()).isEqualByComparingTo(PROVISIONAL_AMOUNT);
                            assertThat(c.detail())
                                    .contains("states 4800.00 USD")
                                    .contains("give " + PROVISIONAL_AMOUNT + " USD")
                                    .contains("more than the tolerance of 1.00");
                        }));
        String documentId = settlements.checks(SHIPMENT).get(0).documentId();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.events(documentId))
                        .extracting(e -> String.valueOf(e.get("detail")))
                        .anyMatch(d -> d.startsWith("WARNING SETTLEMENT_DIFFERENCE: The invoice FWO-PINV-2025-0147")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(5)
    void staffSeeEveryStepOnTheDossierPageAndInTheApi() throws Exception {
        HttpResponse<String> api = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/dossiers/" + SHIPMENT))
                                .header("Authorization", "Bearer " + VIEWER_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode dossier = new ObjectMapper().readTree(api.body());
        assertThat(dossier.at("/settlement/0/amount").decimalValue()).isEqualByComparingTo(PROVISIONAL_AMOUNT);
        assertThat(dossier.at("/settlement/1/amount").decimalValue()).isEqualByComparingTo(FINAL_AMOUNT);
        assertThat(dossier.at("/settlementChecks/0/outcome").asText()).isEqualTo("DIFFERS");

        WebDriver browser = HeadlessChromium.start();
        try {
            HeadlessChromium.logIn(browser, "http://127.0.0.1:" + port, "vera", PASSWORD);
            browser.get("http://127.0.0.1:" + port + "/dossiers/" + SHIPMENT);
            WebElement provisional = browser.findElement(By.cssSelector(".settlement-stage[data-stage=PROVISIONAL]"));
            assertThat(provisional.findElement(By.cssSelector(".status")).getText())
                    .isEqualTo("ISSUED");
            assertThat(provisional.findElement(By.cssSelector(".amount")).getText())
                    .isEqualTo(PROVISIONAL_AMOUNT + " USD");
            // every step with its numbers, as an auditor redoes it: DMT, payable, pounds, the provisional share
            assertThat(provisional.findElements(By.cssSelector("tbody tr")))
                    .extracting(WebElement::getText)
                    .anyMatch(t ->
                            t.startsWith("bill of lading") && t.contains("ASOC-BL-2025-0147") && t.contains("21.2834"))
                    .anyMatch(t -> t.startsWith("seller's assay")
                            && t.contains("KHILAB-CU-2025-0147")
                            && t.contains("weighted by the packing list")
                            && t.contains("Cu 24.0129"))
                    .anyMatch(t -> t.startsWith("DMT") && t.contains("21.2834") && t.contains("19.477"))
                    .anyMatch(t -> t.startsWith("payable lb") && t.contains("9881"))
                    .anyMatch(t -> t.startsWith("provisional amount") && t.contains("36207.32"));
            WebElement fin = browser.findElement(By.cssSelector(".settlement-stage[data-stage=FINAL]"));
            assertThat(fin.findElements(By.cssSelector("tbody tr")))
                    .extracting(WebElement::getText)
                    .anyMatch(t -> t.startsWith("price") && t.contains("9536.4375"))
                    .anyMatch(t -> t.startsWith("balance") && t.contains("4093.23"));
            assertThat(browser.findElement(By.cssSelector(".check-differs")).getText())
                    .contains("FWO-PINV-2025-0147")
                    .contains("4800.00");
            HeadlessChromium.shot(browser, "settlement-dossier");
        } finally {
            browser.quit();
        }
    }

    /** The INVOIC interchange delivered to the buyer's folder that carries this invoice number. */
    private static String awaitInvoic(String invoiceNo) {
        String[] found = new String[1];
        await().atMost(TIMEOUT).until(() -> {
            try (Stream<Path> out = Files.list(HOME.resolve("outbox/USSMUS"))) {
                // a file still being written (.inflight-) is renamed under our feet: only finished files are read
                for (Path p : out.filter(p -> !p.getFileName().toString().startsWith("."))
                        .toList()) {
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    if (text.contains("INVOIC") && text.contains("+" + invoiceNo + "+")) {
                        found[0] = text;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    /**
     * Provisional, by hand: the seller's lots weighted by the packing list's wet kg (12,166.3 and 9,117.1) give Cu
     * 24.0129 %, As 0.1929 %, H2O 8.4857 %; 21.2834 wmt → 19.477 dmt; payable min(23.1724, 23.0129) = 23.0129 % →
     * 4.482 t × 9,500 (LME on 2025-10-10, the last price before the Sunday B/L date) = 42,579.00; TC 19.477 × 80 =
     * 1,558.16; RC 9,881 lb × 0.08 = 790.48; As below 0.20 %: no penalty; net 40,230.36; 90 % = 36,207.32.
     */
    static final BigDecimal PROVISIONAL_AMOUNT = new BigDecimal("36207.32");
    /**
     * Final, by hand: the buyer's Cu 23.9258, As 0.1943, H2O 8.5428 are within the splitting limits, so the means Cu
     * 23.96935, As 0.1936, H2O 8.51425; 19.471 dmt; payable 22.96935 % → 4.472 t × 9,536.4375 (the mean of the 20 LME
     * copper prices of November in sample-docs/prices) = 42,646.95; TC 1,557.68; RC 9,859 lb = 788.72; net 40,300.55,
     * less the provisional 36,207.32 = 4,093.23 due to the seller: a final invoice.
     */
    static final BigDecimal FINAL_AMOUNT = new BigDecimal("4093.23");

    static final String FINAL_TYPE = "FINAL";
}
