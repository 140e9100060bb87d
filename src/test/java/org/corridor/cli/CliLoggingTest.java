package org.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.corridor.report.ReportFormats;
import org.corridor.report.ReportPdf;
import org.corridor.report.TransparencyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The command line's standard error carries only what it says itself: StAEDI's java.util.logging lines (unused schema
 * types at INFO, an unchecked envelope at WARNING for every interchange written) do not reach it.
 */
class CliLoggingTest {

    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream processErr = new ByteArrayOutputStream();
    private Handler[] julHandlers;

    @BeforeEach
    void freshProcessLogging() {
        julHandlers = java.util.logging.Logger.getLogger("").getHandlers();
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        // as in a fresh JVM: java.util.logging's console handler, writing to (this) standard error
        LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").addHandler(new ConsoleHandler());
    }

    @AfterEach
    void restoreLogging() throws JoranException {
        System.setErr(realErr);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        for (Handler h : julHandlers) {
            root.addHandler(h);
        }
        // the other tests of this JVM log as logback's default configuration has them (Spring re-initialises it for
        // each new context)
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }

    @Test
    void anEdiConversionLeavesStandardErrorEmpty() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CorridorCli.quietLogging();

        // reads an X12 interchange and writes an EDIFACT one
        int exit = new CorridorCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(
                        "convert",
                        "sample-docs/x12/KHILAB-863-KHILAB-CU-2025-0147.x12",
                        "--to",
                        "edifact",
                        "--agreements",
                        "sample-docs/agreements");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("UNA").contains("UNH+1+QALITY:D:96A:UN'");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(processErr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void printingTheTransparencyReportLeavesStandardErrorEmpty() {
        CorridorCli.quietLogging();
        TransparencyReport report = new TransparencyReport(
                "PK-US-CM-2025",
                1,
                "Critical minerals partnership",
                null,
                3,
                Instant.parse("2025-12-01T00:00:00Z"),
                42,
                "ab".repeat(32),
                List.of(new TransparencyReport.Cell(
                        "CU_CONC",
                        "2025-10",
                        false,
                        3,
                        new BigDecimal("63.849"),
                        new BigDecimal("58.431"),
                        Map.of("USD", new BigDecimal("115238.25")),
                        Map.of("INVOICE", 3),
                        Map.of("MOC-EXP-2025-CU-0312", new BigDecimal("63.849")),
                        new TransparencyReport.Times(15, 0, new BigDecimal("4.2"), new BigDecimal("9.8")),
                        new TransparencyReport.Times(0, 6, null, null),
                        Map.of())),
                List.of(),
                List.of(),
                List.of());

        // openhtmltopdf logs on every PDF (the page's browser-only CSS, timings); PDFBox misses fonts it does not need
        byte[] pdf = ReportPdf.pdf(ReportFormats.html(report));

        assertThat(pdf).isNotEmpty();
        assertThat(processErr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * Something else in the JVM (a gateway's file consumer in the tests) may log while the CLI sets logging up: at
     * no moment may logback find no appender (it then prints "No appenders present" on standard error).
     */
    @Test
    void loggingFromAnotherThreadWhileTheCliSetsUpFindsAnAppenderEveryTime() throws InterruptedException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getStatusManager().clear();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread noise = new Thread(() -> {
            org.slf4j.Logger log = LoggerFactory.getLogger("org.corridor.Noise");
            while (running.get()) {
                log.error("noise");
            }
        });
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        noise.start();
        try {
            for (int i = 0; i < 300; i++) {
                CorridorCli.quietLogging();
            }
        } finally {
            running.set(false);
            noise.join();
            System.setErr(err);
        }
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getMessage().contains("No appenders present"));
    }
}
