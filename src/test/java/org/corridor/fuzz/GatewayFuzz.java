package org.corridor.fuzz;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The second half of {@code bench/fuzz.sh N M}: M mutated files, taken in turn from every parser campaign (the same
 * inputs as the in-process campaign's first ones, so each can be replayed), dropped into the inbox of the real jar on a
 * home of its own. It waits until the gateway is quiet, with the health endpoint polled all along, stops it, and reads
 * its tracking store: every file must have ended delivered (or consumed, or split into parts that ended), or refused
 * with a code and its note in {@code error/}; none stuck in the inbox or half-way, none lost, none failed.
 */
final class GatewayFuzz {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration QUIET = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration STOP = Duration.ofSeconds(90);

    private final Path root;
    private final Path jar;
    private final Path work;

    GatewayFuzz(Path root, Path jar, Path work) {
        this.root = root;
        this.jar = jar;
        this.work = work;
    }

    /** What the gateway did with the files dropped. */
    record Result(
            int files,
            int delivered,
            int split,
            int consumed,
            Map<String, Integer> refusals,
            List<String> unexplained,
            int healthChecks,
            int healthNotUp,
            double seconds) {

        int refused() {
            return refusals.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    Result run(ParserCampaign campaign, int files, long seed) throws Exception {
        deleteTree(work);
        Path home = Files.createDirectories(work.resolve("home"));
        Path staged = Files.createDirectories(work.resolve("staged"));
        List<String> campaigns = campaign.campaigns();
        Map<String, String> origin = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            String name = campaigns.get(i % campaigns.size());
            int index = i / campaigns.size();
            Mutations.Mutant mutant = campaign.mutant(name, seed, index);
            String sample = mutant.applied().get(0);
            int dot = sample.lastIndexOf('.');
            String file = String.format(
                    Locale.ROOT,
                    "fz%05d-%s-%d%s",
                    i,
                    name.replace('/', '-'),
                    index,
                    dot < 0 ? "" : sample.substring(dot));
            Files.write(staged.resolve(file), mutant.content());
            origin.put(file, name + " #" + index + " " + mutant.applied());
        }
        int port = freePort();
        Path log = work.resolve("gateway.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--corridor.home=" + home,
                "--corridor.routes=" + root.resolve("routes"),
                "--server.port=" + port,
                "--logging.level.root=WARN");
        System.out.println("Gateway: starting " + jar.getFileName() + " on port " + port + ", log in " + log);
        Process gateway = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10))
                .build();
        List<String> unexplained = new ArrayList<>();
        int checks = 0;
        int notUp = 0;
        long t0;
        try {
            long deadline = System.nanoTime() + START.toNanos();
            while (!up(http, health)) {
                if (!gateway.isAlive()) {
                    throw new IllegalStateException("the gateway exited while starting; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gateway was not UP within " + START + "; see " + log);
                }
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // a poll with a deadline: the gateway is another process
            }
            Path inbox = Files.createDirectories(home.resolve("inbox/any"));
            System.out.printf(Locale.ROOT, "Gateway: UP; dropping %,d mutated files into %s%n", files, inbox);
            t0 = System.nanoTime();
            try (Stream<Path> list = Files.list(staged)) {
                for (Path file : list.sorted().toList()) {
                    Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            // quiet: the inbox empty and nothing new written for QUIET; the whole wait is bounded
            deadline = System.nanoTime()
                    + Duration.ofMinutes(10).plusMillis(files * 100L).toNanos();
            long lastChange = System.nanoTime();
            long lastReport = System.nanoTime();
            long written = -1;
            while (true) {
                if (!gateway.isAlive()) {
                    unexplained.add("the gateway exited with code " + gateway.exitValue() + " (see " + log + ")");
                    break;
                }
                checks++;
                if (!up(http, health)) {
                    notUp++;
                }
                long left = count(inbox);
                long now =
                        count(home.resolve("error")) + count(home.resolve("outbox")) + count(home.resolve("archive"));
                if (now != written) {
                    written = now;
                    lastChange = System.nanoTime();
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            Locale.ROOT,
                            "  %5.0f s: %,d in the inbox, %,d files written%n",
                            (System.nanoTime() - t0) / 1e9,
                            left,
                            written);
                }
                if (left == 0 && System.nanoTime() - lastChange > QUIET.toNanos()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    unexplained.add("not quiet before the deadline: " + left + " files still in the inbox");
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            }
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                unexplained.add("the gateway did not stop within " + STOP.toSeconds() + " s of SIGTERM");
                gateway.destroyForcibly().waitFor();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (Stream<Path> left = Files.list(home.resolve("inbox/any"))) {
            left.filter(Files::isRegularFile)
                    .forEach(p -> unexplained.add(p.getFileName() + ": still in the inbox (stuck)"));
        }
        return judge(home, origin, unexplained, checks, notUp, seconds);
    }

    /** Reads the stopped gateway's tracking store and says how each dropped file ended. */
    private Result judge(
            Path home, Map<String, String> origin, List<String> unexplained, int checks, int notUp, double seconds)
            throws SQLException {
        Map<String, List<String[]>> byName = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        String url = "jdbc:h2:file:" + home.resolve("db/corridor") + ";ACCESS_MODE_DATA=r";
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                Statement query = db.createStatement()) {
            try (ResultSet rows = query.executeQuery(
                    "SELECT file_name, document_id, status, reason_code, reason FROM documents WHERE parent_id IS"
                            + " NULL")) {
                while (rows.next()) {
                    byName.computeIfAbsent(rows.getString(1), n -> new ArrayList<>())
                            .add(new String[] {
                                rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)
                            });
                }
            }
            try (ResultSet rows =
                    query.executeQuery("SELECT parent_id, status FROM documents WHERE parent_id IS NOT NULL")) {
                while (rows.next()) {
                    children.computeIfAbsent(rows.getString(1), p -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        int delivered = 0;
        int split = 0;
        int consumed = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        for (Map.Entry<String, String> dropped : origin.entrySet()) {
            String name = dropped.getKey();
            String what = name + " (" + dropped.getValue() + "): ";
            List<String[]> rows = byName.getOrDefault(name, List.of());
            if (rows.size() != 1) {
                unexplained.add(
                        what + (rows.isEmpty() ? "no trace in the tracking store (lost)" : rows.size() + " documents"));
                continue;
            }
            String[] row = rows.get(0);
            switch (row[1]) {
                case "DELIVERED" -> delivered++;
                case "CONSUMED" -> consumed++;
                case "REJECTED" -> {
                    if (row[2] == null || row[3] == null || row[3].isBlank()) {
                        unexplained.add(what + "rejected without a code or a reason");
                    } else if (!Files.exists(home.resolve("error").resolve(name + ".error.txt"))) {
                        unexplained.add(what + "rejected with " + row[2] + " but no note in error/");
                    } else {
                        refusals.merge(row[2], 1, Integer::sum);
                    }
                }
                case "SPLIT" -> {
                    List<String> parts = children.getOrDefault(row[0], List.of());
                    if (parts.isEmpty()
                            || parts.stream()
                                    .anyMatch(s -> !List.of("DELIVERED", "CONSUMED", "REJECTED")
                                            .contains(s))) {
                        unexplained.add(what + "split into parts " + parts + ", not all of which ended");
                    } else {
                        split++;
                    }
                }
                default ->
                    unexplained.add(what + "ended " + row[1] + (row[2] != null ? " " + row[2] + ": " + row[3] : "")
                            + (List.of("RECEIVED", "ROUTED").contains(row[1]) ? " (stuck)" : ""));
            }
        }
        return new Result(origin.size(), delivered, split, consumed, refusals, unexplained, checks, notUp, seconds);
    }

    private static boolean up(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .count();
        } catch (java.io.UncheckedIOException e) {
            return -2; // a file moved while walking: counts as a change
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String describe(Result r) {
        return String.format(
                Locale.ROOT,
                "Gateway: %,d files: %,d delivered, %,d split and ended, %,d consumed (acknowledgements), %,d refused"
                        + " with a note in error/, %d unexplained; health UP in %d of %d checks; %.0f s",
                r.files(),
                r.delivered(),
                r.split(),
                r.consumed(),
                r.refused(),
                r.unexplained().size(),
                r.healthChecks() - r.healthNotUp(),
                r.healthChecks(),
                r.seconds());
    }

    static String section(Result r, long seed) {
        StringBuilder s = new StringBuilder("## Fuzzing: through a running gateway\n\n");
        s.append(String.format(
                Locale.ROOT,
                "`bench/fuzz.sh N %d` on %s, commit `%s`, seed %d: **%,d mutated files** (the first inputs of every"
                        + " parser campaign above, in turn) dropped at once into `inbox/any` of the real jar"
                        + " (`target/corridor.jar`, `-Xmx1g`, H2, folder partners, a fresh home). Once the inbox was"
                        + " empty and nothing had been written for %d s, the gateway was stopped and its tracking store"
                        + " read.\n\n",
                r.files(),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                System.getProperty("fuzz.commit", "unknown"),
                seed,
                r.files(),
                QUIET.toSeconds()));
        s.append(
                "| Files | Delivered | Split, parts ended | Consumed (acks) | Refused, note in `error/` | Unexplained"
                        + " (lost, stuck, failed) | Health UP | Time (with the quiet wait) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        s.append(String.format(
                Locale.ROOT,
                "| %,d | %,d | %,d | %,d | %,d | %d | %d / %d checks | %.0f s |\n\n",
                r.files(),
                r.delivered(),
                r.split(),
                r.consumed(),
                r.refused(),
                r.unexplained().size(),
                r.healthChecks() - r.healthNotUp(),
                r.healthChecks(),
                r.seconds()));
        s.append("Refusal codes: ")
                .append(r.refusals().entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(12)
                        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("none"))
                .append(r.refusals().size() > 12 ? " and " + (r.refusals().size() - 12) + " other codes" : "")
                .append(".\n");
        if (!r.unexplained().isEmpty()) {
            s.append("\nUnexplained:\n\n");
            r.unexplained().stream()
                    .limit(20)
                    .forEach(u -> s.append("- ").append(u.replace("|", "\\|")).append('\n'));
        }
        return s.toString();
    }
}
