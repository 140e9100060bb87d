package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.corridor.support.GatewayProcess;
import org.corridor.support.SampleDossier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A settlement invoice survives kill -9 and is never issued twice. The real gateway runs in a JVM of its own and is
 * killed with SIGKILL twice: just after it committed the provisional invoice as ISSUING (it logs that, then writes the
 * file into its own inbox and marks it ISSUED), and just after the intake took the final invoice's file in. Each time it is
 * started again on the same home; the buyer's folder must then hold each invoice exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementKillNineTest {

    private static final Duration START = Duration.ofSeconds(150);
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final Path HOME =
            Path.of("target", "test-homes", "settle-kill-" + UUID.randomUUID()).toAbsolutePath();
    private static final Path PRICES = Path.of("sample-docs", "prices");

    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() {
        gateway = new GatewayProcess(
                HOME,
                Map.of(),
                List.of(
                        "--corridor.intake.read-lock-min-age-ms=100",
                        "--corridor.intake.read-lock-check-interval-ms=20",
                        "--corridor.intake.poll-delay-ms=100",
                        // after a restart the half-issued invoice is looked at again at once, then every second
                        "--corridor.settlement.sweep-initial-delay-ms=0",
                        "--corridor.settlement.sweep-interval-ms=1000"));
        gateway.start(START);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void aKillJustAfterTheProvisionalInvoiceWasCommittedIssuesItOnce() throws IOException {
        for (Path f : SampleDossier.files(SampleDossier.CU)) {
            drop("any", f);
        }
        drop("prices", PRICES.resolve("LME-CU-2025-10.csv"));

        killWhenLogged("provisional invoice STL-CU-2025-0147-P (PROVISIONAL) for");
        gateway.start(START);

        awaitExactlyOnce("STL-CU-2025-0147-P");
    }

    @Test
    @Order(2)
    void aKillJustAfterTheFinalInvoiceWasTakenInDeliversItOnce() throws IOException {
        drop("prices", PRICES.resolve("LME-CU-2025-11.csv"));
        drop("assay", Path.of("sample-docs", "settlement", "USSM-LAB-CU-2025-0147.csv"));

        killWhenLogged("Received SETTLEMENT-CU-2025-0147-FINAL.json");
        gateway.start(START);

        awaitExactlyOnce("STL-CU-2025-0147-F");
        // and the provisional invoice was not issued again by the restarts
        assertThat(invoices("STL-CU-2025-0147-P")).hasSize(1);
    }

    private static void drop(String inbox, Path file) throws IOException {
        Path target = HOME.resolve("inbox").resolve(inbox).resolve(file.getFileName());
        Path part = target.resolveSibling(file.getFileName() + ".part");
        Files.copy(file, part);
        Files.move(part, target);
    }

    private static void killWhenLogged(String line) {
        await("the gateway logs: " + line)
                .atMost(SETTLE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> gateway.currentLog().stream().anyMatch(l -> l.contains(line)));
        gateway.kill();
    }

    /** Waits until the buyer's folder holds the invoice and the gateway is quiet, then requires it once. */
    private static void awaitExactlyOnce(String invoiceNo) {
        await(invoiceNo + " in the buyer's folder")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !invoices(invoiceNo).isEmpty());
        await("the gateway quiet").atMost(SETTLE).until(() -> gateway.quietFor(Duration.ofMillis(2500)));
        assertThat(invoices(invoiceNo))
                .as("INVOIC interchanges carrying %s", invoiceNo)
                .hasSize(1);
    }

    private static List<Path> invoices(String invoiceNo) {
        Path outbox = HOME.resolve("outbox/USSMUS");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> read(p).contains("+" + invoiceNo + "+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
