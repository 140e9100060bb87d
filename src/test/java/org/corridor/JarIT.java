package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar ({@code target/corridor.jar}, built by {@code mvn package} before this runs in {@code mvn verify}),
 * run as an operator runs it: from an empty directory, with nothing but its settings on the command line.
 */
class JarIT {

    private static final Path JAR = Path.of("target", "corridor.jar").toAbsolutePath();
    private static final Path SAMPLES = Path.of("sample-docs").toAbsolutePath();
    /** A start takes 10 s on an idle machine, over a minute on two cores shared with other builds. */
    private static final Duration START = Duration.ofMinutes(4);

    /** The working directory of every run: empty, no routes/ or sample-docs/ of the project. */
    @TempDir
    Path directory;

    @Test
    void runsFromAnEmptyDirectoryOnItsBundledRoutesAndAgreementsAndDeliversASampleCertificate() throws Exception {
        Path home = directory.resolve("home");
        Path log = directory.resolve("gateway.log");
        Process gateway = start(log, "--corridor.home=" + home, "--server.port=" + freePort());
        try {
            await().atMost(START)
                    .failFast("the gateway stopped", () -> !gateway.isAlive())
                    .until(() -> read(log).contains("Started CorridorApplication"));

            Files.copy(
                    SAMPLES.resolve("assay/KHILAB-CU-2025-0147.csv"),
                    home.resolve("inbox/assay/KHILAB-CU-2025-0147.csv"));
            // EDI read and written (its acknowledgement): StAEDI's log lines would show here
            Files.copy(
                    SAMPLES.resolve("edifact/KHILAB-QALITY-REO-2025-0161.edi"),
                    home.resolve("inbox/any/KHILAB-QALITY-REO-2025-0161.edi"));

            // the sample agreement's two recipients of assay certificates, and the lab's acknowledgement
            await().atMost(Duration.ofMinutes(1))
                    .failFast("the gateway stopped", () -> !gateway.isAlive())
                    .untilAsserted(() -> {
                        assertThat(contents(home.resolve("outbox/USSMUS")))
                                .anyMatch(c -> c.contains("\"certificateNo\" : \"KHILAB-CU-2025-0147\""));
                        assertThat(contents(home.resolve("outbox/FWOPK")))
                                .anyMatch(c -> c.contains("\"certificateNo\" : \"KHILAB-CU-2025-0147\""));
                        assertThat(names(home.resolve("outbox/KHILAB"))).anyMatch(n -> n.endsWith(".contrl.edi"));
                    });
        } finally {
            stop(gateway);
        }
        String output = read(log);
        assertThat(output)
                .doesNotContain(
                        "Unused ELEMENT",
                        "Unused SEGMENT",
                        "without control structure validation",
                        "Commons Logging",
                        "commons-logging",
                        "NoSuchFileException");
        // nothing written where it was started but what the test put there
        assertThat(names(directory)).containsExactlyInAnyOrder("home", "gateway.log");
    }

    @Test
    void aPartnerFileNamingAnUnsetSecretStopsTheStartWithThatAsTheFirstLine() throws Exception {
        Path home = directory.resolve("home");
        Path partner = home.resolve("partners/USSMUS.yaml");
        Files.createDirectories(partner.getParent());
        Files.writeString(partner, """
                id: USSMUS
                name: US Strategic Metals
                endpoint: { channel: HTTP, url: "https://ussm.example/corridor/inbound" }
                auth: { type: bearer, secretProperty: JARIT_USSMUS_API_TOKEN }
                """);
        Path log = directory.resolve("gateway.log");

        Process gateway = start(log, "--corridor.home=" + home, "--server.port=" + freePort());

        assertThat(gateway.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                .as(read(log))
                .isTrue();
        assertThat(gateway.exitValue()).isEqualTo(1);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines)
                .first()
                .isEqualTo("corridor: cannot start: " + partner + ": field \"auth.secretProperty\""
                        + " names JARIT_USSMUS_API_TOKEN, which is not set: set it as an environment variable or property (the"
                        + " secret itself never goes in the partner file)");
        assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Starting CorridorApplication"));
        // refused before anything started: no database, no broker journal
        assertThat(home.resolve("db")).doesNotExist();
        assertThat(home.resolve("broker")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"--help, 0", "bogus, 2"})
    void helpAndAnUnknownCommandExitWithoutStartingTheGateway(String argument, int status) throws Exception {
        Path log = directory.resolve("cli.log");

        Process cli = start(log, argument);

        assertThat(cli.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                .as(read(log))
                .isTrue();
        assertThat(cli.exitValue()).isEqualTo(status);
        assertThat(read(log)).contains("usage: java -jar corridor.jar").doesNotContain("Spring", "Started");
        assertThat(names(directory)).containsExactly("cli.log");
    }

    @Test
    void convertsEdiWithTheBundledAgreementsAndNothingOnStandardError() throws Exception {
        Path out = directory.resolve("out.edi");
        Path err = directory.resolve("err.txt");
        ProcessBuilder builder = builder(
                        "convert",
                        SAMPLES.resolve("x12/KHILAB-863-KHILAB-CU-2025-0147.x12")
                                .toString(),
                        "--to",
                        "edifact")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());

        Process cli = builder.start();

        assertThat(cli.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(read(err)).isZero();
        assertThat(read(out)).startsWith("UNA:+.? '").contains("UNH+1+QALITY:D:96A:UN'");
        // not even "no agreements found": the jar's sample agreement was read
        assertThat(read(err)).isEmpty();
    }

    @Test
    void packagesNoCommonsLogging() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> libraries = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(n -> n.startsWith("BOOT-INF/lib/"))
                    .toList();
            assertThat(libraries)
                    .isNotEmpty()
                    .anyMatch(n -> n.contains("spring-jcl"))
                    .noneMatch(n -> n.contains("commons-logging"));
        }
    }

    private Process start(Path log, String... arguments) throws IOException {
        return builder(arguments)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private ProcessBuilder builder(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        // only what the test says: no settings from the environment this build runs in
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("CORRIDOR_") || k.startsWith("SPRING_") || k.startsWith("JARIT_"));
        return builder;
    }

    /** Stops the gateway as an operator does (SIGTERM, a graceful shutdown). */
    private static void stop(Process gateway) throws InterruptedException {
        gateway.destroy();
        if (!gateway.waitFor(2, TimeUnit.MINUTES)) {
            gateway.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> contents(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> all = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .toList()) {
                all.add(read(f));
            }
            return all;
        }
    }
}
