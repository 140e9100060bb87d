package org.corridor.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * A partner's HTTP endpoint for tests: a real JDK HTTP (or HTTPS) server on a free loopback port that records every
 * request and answers 200 unless a rule for a marker in the body says otherwise, or a {@link Fault} is switched on.
 */
public final class PartnerHttpServer implements AutoCloseable {

    /** A misbehaviour of the whole partner, switched on and off by {@link #fault(Fault)} (the fault campaign's). */
    public enum Fault {
        /** None: requests are answered as usual. */
        NONE,
        /** Every request is recorded and answered 500, as by a partner whose back end is down. */
        ANSWER_500,
        /** Every request is recorded, then answered 200 only after {@link #HANG}, past the sender's timeout. */
        HANG,
        /** The connection is closed after half of the request body is read: nothing recorded, nothing answered. */
        CLOSE_MID_BODY
    }

    /** How long a request hangs under {@link Fault#HANG}. */
    public static final Duration HANG = Duration.ofSeconds(4);

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

    private record Hold(CountDownLatch arrivals, Duration atMost) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private volatile Fault fault = Fault.NONE;
    private final Map<Fault, AtomicInteger> faulted = new ConcurrentHashMap<>();

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
        // room for requests hanging under Fault.HANG beside the ones that arrive meanwhile
        server.setExecutor(Executors.newFixedThreadPool(16));
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

    /** Switches {@code fault} on for every request from now on ({@link Fault#NONE} switches it off). */
    /**
     * Requests whose body contains {@code marker} are recorded, then held unanswered until a second such request has
     * arrived, or {@code atMost}: two sent at once are both answered at once; one alone is answered after
     * {@code atMost}. Shows whether a sender can have two requests for one document in flight together.
     */
    public void holdUntilAnother(String marker, Duration atMost) {
        holds.put(marker, new Hold(new CountDownLatch(2), atMost));
    }

    public void fault(Fault fault) {
        this.fault = fault;
    }

    /** How many requests met {@code fault}. */
    public int faulted(Fault fault) {
        return faulted.computeIfAbsent(fault, f -> new AtomicInteger()).get();
    }

    /** Every request received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedContaining(String marker) {
        return received.stream().filter(r -> r.bodyText().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Fault now = fault;
        if (now == Fault.CLOSE_MID_BODY) {
            long length = Math.max(
                    0,
                    exchange.getRequestHeaders().getFirst("Content-Length") == null
                            ? 0
                            : Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length")));
            exchange.getRequestBody().readNBytes((int) Math.min(length / 2, Integer.MAX_VALUE));
            faulted.computeIfAbsent(now, f -> new AtomicInteger()).incrementAndGet();
            // closing an exchange whose answer was never begun closes the connection itself
            exchange.close();
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        int status = 200;
        String answer = "{\"accepted\":true}";
        if (now == Fault.ANSWER_500) {
            status = 500;
            answer = "{\"error\":\"back end unavailable\"}";
            faulted.computeIfAbsent(now, f -> new AtomicInteger()).incrementAndGet();
        }
        for (Map.Entry<String, Rule> rule : rules.entrySet()) {
            if (status == 200
                    && text.contains(rule.getKey())
                    && rule.getValue().remaining().getAndDecrement() > 0) {
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
        for (Map.Entry<String, Hold> hold : holds.entrySet()) {
            if (text.contains(hold.getKey())) {
                hold.getValue().arrivals().countDown();
                try {
                    hold.getValue().arrivals().await(hold.getValue().atMost().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (now == Fault.HANG) {
            faulted.computeIfAbsent(now, f -> new AtomicInteger()).incrementAndGet();
            // the partner got the request and answers it, but only after the sender has given up waiting
            long until = System.nanoTime() + HANG.toNanos();
            for (long left = HANG.toNanos(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
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
