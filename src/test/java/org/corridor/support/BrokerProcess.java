package org.corridor.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker a cluster's nodes share, in a JVM of its own: {@code java -jar corridor.jar broker} (Artemis with
 * Corridor's settings) on a free loopback port, its journal under {@code data}, the login {@code user}/{@code password}.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    public BrokerProcess(Path data, String user, String password) {
        this.port = GatewayProcess.freePort();
        this.log = data.toAbsolutePath().resolveSibling(data.getFileName() + ".log");
        try {
            Files.createDirectories(data);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(GatewayProcess.jit());
            command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m"));
            command.addAll(GatewayProcess.launch());
            command.addAll(List.of(
                    "broker", "--data", data.toAbsolutePath().toString(), "--host", "127.0.0.1", "--port", "" + port));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("CORRIDOR_BROKER_USER", user);
            builder.environment().put("CORRIDOR_BROKER_PASSWORD", password);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("broker start (" + log + ")")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the broker stopped while starting:\n" + logText());
                    }
                    return logText().contains("Corridor broker listening on");
                });
    }

    /** The URL the nodes connect to. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logText() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
