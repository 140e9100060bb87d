package org.corridor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.HeadlessChromium;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which .ci/run
 * installs): an operator logs in, uploads a sample, waits for DELIVERED on the list, opens the document and reads its
 * finding; a delivery that failed is refused to a viewer's retry and retried by an operator. Screenshots go to
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private static WebDriver browser;

    @Autowired
    TrackingStore tracking;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorUploadsReadsTheFindingAndRetriesADeadLetterThatAViewerMayNotRetry() throws Exception {
        String cert = "WEB-CU-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Path sampleFile = write(cert + ".csv", sample("KHILAB-CU-2025-0147.csv", "KHILAB-CU-2025-0147", cert));

        logIn("olga");
        open("/upload");
        browser.findElement(By.id("file")).sendKeys(sampleFile.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();
        awaitText(By.cssSelector(".notice"), "Received " + cert + ".csv");

        // the list refreshes itself: DELIVERED shows without a reload
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(rowStatus(cert)).isEqualTo("DELIVERED"));
        shot("1-list-delivered");
        browser.findElement(By.linkText(cert)).click();
        awaitText(By.tagName("h1"), cert);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("DELIVERED");
        assertThat(browser.findElements(By.cssSelector(".findings .finding-text")))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.getText()).isNotBlank());
        assertThat(browser.findElement(By.cssSelector("pre.json .k")).getText()).isEqualTo("\"schema\"");
        shot("2-document");
        browser.manage().window().setSize(new Dimension(390, 844));
        shot("3-document-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // a delivery the buyer's server refuses until it is fixed: a dead letter
        String failing = "DL-CU-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        PARTNER.answer(failing, 500, "buyer's server down", 1000);
        open("/upload");
        browser.findElement(By.id("file"))
                .sendKeys(write(failing + ".csv", sample("KHILAB-CU-2025-0147.csv", "KHILAB-CU-2025-0147", failing))
                        .toAbsolutePath()
                        .toString());
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            open("/dead-letters");
            assertThat(browser.getPageSource()).contains(failing);
        });
        logOut();

        logIn("vera");
        open("/dead-letters");
        retryButtonOf(failing).click();
        awaitText(By.tagName("h1"), "Not allowed");
        assertThat(browser.findElement(By.cssSelector(".error")).getText()).contains("retries are for operators");
        shot("4-viewer-refused");
        logOut();

        PARTNER.answer(failing, 500, "fixed", 0);
        logIn("olga");
        open("/dead-letters");
        shot("5-dead-letters");
        retryButtonOf(failing).click();
        awaitText(By.cssSelector(".notice"), "Delivery of ");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .containsAnyOf("back on the partner's queue", "processed again");
        open("/?q=" + failing);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(rowStatus(failing)).isEqualTo("DELIVERED"));
        shot("6-retried-delivered");
    }

    /** The status shown in the list for the number; the table may be swapped by its refresh while it is read. */
    private String rowStatus(String number) {
        try {
            for (WebElement row : browser.findElements(By.cssSelector("table.docs tbody tr"))) {
                if (row.getText().contains(number)) {
                    return row.findElement(By.cssSelector(".status")).getText();
                }
            }
            return "not listed";
        } catch (StaleElementReferenceException refreshed) {
            return "being refreshed";
        }
    }

    private WebElement retryButtonOf(String number) {
        return browser.findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().contains(number))
                .findFirst()
                .orElseThrow()
                .findElement(By.cssSelector("button.retry"));
    }

    private void logIn(String user) {
        HeadlessChromium.logIn(browser, "http://127.0.0.1:" + port, user, STAFF_PASSWORD);
    }

    /** Waits until the element shows the text: a click's new page may still be loading. */
    private static void awaitText(By element, String text) {
        await().atMost(TIMEOUT)
                .ignoreExceptionsInstanceOf(org.openqa.selenium.WebDriverException.class)
                .untilAsserted(
                        () -> assertThat(browser.findElement(element).getText()).contains(text));
    }

    private void logOut() {
        browser.findElement(By.cssSelector(".who button")).click();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(browser.getCurrentUrl()).contains("/login?logout"));
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private static void shot(String name) throws IOException {
        HeadlessChromium.shot(browser, name);
    }

    private static Path write(String name, byte[] content) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser-uploads"));
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
