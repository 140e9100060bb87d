package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corridor.support.GatewayTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public transparency page in a real headless Chromium (Debian's chromium and chromium-driver): it renders
 * without login, its SVG charts are there, and the figures it shows are the JSON's.
 */
class TransparencyBrowserTest extends GatewayTestBase {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        // the Debian driver, so that Selenium Manager never tries to download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        ChromeOptions options =
                new ChromeOptions().addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            options.setBinary("/usr/bin/chromium");
        }
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageRendersItsChartsAndTheFiguresOfTheJson() throws Exception {
        JsonNode report = new ObjectMapper()
                .readTree(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + port + "/transparency/PK-US-CM-2025.json"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());

        browser.get("http://127.0.0.1:" + port + "/transparency/PK-US-CM-2025");

        assertThat(browser.getTitle()).isEqualTo("Transparency report: PK-US-CM-2025");
        assertThat(browser.findElement(By.id("chart-tonnes")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("chart-quotas")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("audit-head")).getText())
                .isEqualTo(report.get("auditHeadHash").asText());
        List<WebElement> quotaRows = browser.findElements(By.cssSelector("#quotas tr[data-quota]"));
        assertThat(quotaRows).hasSize(report.get("quotas").size());
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
        List<WebElement> cellRows = browser.findElements(By.cssSelector("#cells tr[data-commodity]"));
        assertThat(cellRows).hasSize(report.get("cells").size());
        for (JsonNode c : report.get("cells")) {
            if (c.get("withheld").asBoolean()) {
                continue;
            }
            WebElement row = browser.findElement(By.cssSelector(
                    "#cells tr[data-commodity='" + c.get("commodity").asText() + "'][data-month='"
                            + c.get("month").asText() + "']"));
            assertThat(row.findElement(By.className("shipments")).getText())
                    .isEqualTo(c.get("shipments").asText());
            assertThat(row.findElement(By.className("wet")).getText())
                    .isEqualTo(c.get("wetTonnes").decimalValue().toPlainString());
        }
    }
}
