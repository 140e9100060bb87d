package org.corridor.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A partner's HTTP endpoint for tests: a real JDK HTTP (or HTTPS) server on a free loopback port that records every
 * request and answers 200 unless a rule for a marker in the body says otherwise.
 */
public final class PartnerHttpServer implements AutoCloseable {

    /** One received request. */
    public record Received(
            String method, String path, Map<String, List<String>> headers, byte[] body, int answeredWith) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Rule(int status, String answer, AtomicInteger remaining) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    public PartnerHttpServer() throws IOException {
        this(null);
    }

    /** An HTTPS server presenting the certificate of {@code tls}'s key managers; plain HTTP when null. */
    public PartnerHttpServer(SSLContext tls) throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort() + path;
    }

    /** Requests whose body contains {@code marker} are answered with {@code status}, {@code times} times. */
    public void answer(String marker, int status, String answer, int times) {
        rules.put(marker, new Rule(status, answer, new AtomicInteger(times)));
    }

    /** Every request received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedContaining(String marker) {
        return received.stream().filter(r -> r.bodyText().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        int status = 200;
        String answer = "{\"accepted\":true}";
        for (Map.Entry<String, Rule> rule : rules.entrySet()) {
            if (text.contains(rule.getKey()) && rule.getValue().remaining().getAndDecrement() > 0) {
                status = rule.getValue().status();
                answer = rule.getValue().answer();
                break;
            }
        }
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body,
                status));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
