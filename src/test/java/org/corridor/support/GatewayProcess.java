package org.corridor.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.corridor.CorridorApplication;

/**
 * The real gateway in a JVM of its own ({@code java -jar target/corridor.jar} when the system property
 * {@code corridor.jar} names the jar, as the campaigns in bench/ do; otherwise, in mvn verify, which runs before the jar
 * is packaged, {@code java -cp <this JVM's class path> CorridorApplication}), so that a test
 * can kill it the way an operating system does: {@link #kill()} is SIGKILL, with no shutdown hook, no flush, no
 * graceful stop. Each start appends a log of its own ({@code <home>-logs/run-N.log}); {@link #log()} reads them all,
 * in order.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final HttpClient HEALTH_CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private final Path logs;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final int port;
    private Process process;
    private Path currentLog;
    private int runs;

    /**
     * A gateway on {@code home} (its own folder under target/), the project's routes, a free HTTP port of its own,
     * {@code environment} added to this JVM's and {@code arguments} after the standard ones.
     */
    public GatewayProcess(Path home, Map<String, String> environment, List<String> arguments) {
        this(home, home.toAbsolutePath().resolveSibling(home.getFileName() + "-logs"), environment, arguments);
    }

    /** A gateway as above whose logs go to {@code logs}: the nodes of a cluster share one home, not their logs. */
    public GatewayProcess(Path home, Path logs, Map<String, String> environment, List<String> arguments) {
        this.home = home.toAbsolutePath();
        this.logs = logs.toAbsolutePath();
        this.environment = Map.copyOf(environment);
        this.arguments = List.copyOf(arguments);
        this.port = freePort();
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /** The running (or last) gateway's process id, to read its memory from {@code /proc/PID/status}. */
    public long pid() {
        return process.pid();
    }

    /** Starts the gateway and waits until it says it has started; fails with the end of its log if it dies first. */
    public void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the gateway is running already");
        }
        try {
            Files.createDirectories(logs);
            currentLog = logs.resolve("run-" + (++runs) + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // a short-lived JVM on a shared machine: quick to start, one GC thread
            command.addAll(jit());
            command.addAll(List.of("-XX:+UseSerialGC", "-Xmx512m"));
            command.addAll(launch());
            command.addAll(List.of(
                    "--corridor.home=" + home,
                    "--corridor.routes=" + Path.of("routes").toAbsolutePath(),
                    "--server.port=" + port,
                    "--server.address=127.0.0.1"));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(currentLog.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("gateway start (" + currentLog + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the gateway stopped while starting:\n" + tail(60));
                    }
                    return currentLogText().contains("Started CorridorApplication");
                });
    }

    /**
     * The JIT a test's short-lived JVM gets: C1 only, quick to start; both compilers, as in production, when the system
     * property {@code corridor.process.full-jit} is true (bench/run.sh --nodes, whose figures are per document after a
     * warm-up).
     */
    static List<String> jit() {
        return Boolean.getBoolean("corridor.process.full-jit") ? List.of() : List.of("-XX:TieredStopAtLevel=1");
    }

    /** How to run the jar: {@code -jar corridor.jar}, or this JVM's class path and the main class. */
    static List<String> launch() {
        String jar = System.getProperty("corridor.jar", "");
        if (!jar.isBlank()) {
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("corridor.jar names " + jar + ", which is not a file");
            }
            return List.of("-jar", jar);
        }
        return List.of("-cp", System.getProperty("java.class.path"), CorridorApplication.class.getName());
    }

    /**
     * The status code {@code /actuator/health} answers with (200 UP, 503 DOWN), or 0 when it did not answer within
     * {@code timeout}: what a load balancer would see.
     */
    public int health(Duration timeout) {
        try {
            return HEALTH_CLIENT
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                    .timeout(timeout)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** SIGKILL: the process ends at once, whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the gateway shuts down gracefully (as a service manager would stop it). */
    public void stop() {
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(90))) {
            kill();
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Every line logged by every run so far, in order. */
    public List<String> log() {
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try {
                // decoded leniently: the last line may be cut in the middle of a character being written
                new String(Files.readAllBytes(logs.resolve("run-" + run + ".log")), StandardCharsets.UTF_8)
                        .lines()
                        .forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** The lines logged by the current (or last) run. */
    public List<String> currentLog() {
        return currentLogText().lines().toList();
    }

    /** Whether the running gateway has logged nothing for {@code quiet}. */
    public boolean quietFor(Duration quiet) {
        try {
            return Files.getLastModifiedTime(currentLog)
                    .toInstant()
                    .isBefore(Instant.now().minus(quiet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the current run's log, for failure messages. */
    public String tail(int lines) {
        List<String> all = currentLogText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (isRunning()) {
            kill();
        }
    }

    private String currentLogText() {
        try {
            return new String(Files.readAllBytes(currentLog), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port free on this machine now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
