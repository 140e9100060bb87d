package org.corridor.support.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills a JVM writing to an H2 file database with SIGKILL and checks what the reopened file holds: the store-level
 * probe behind issue 15 (a row of a transaction cut off by the kill came back from the dead, then vanished again).
 *
 * <p>Uses nothing but JDBC, so one build runs it against any H2 jar: {@code campaign H2JAR KILLS DIR [OPTIONS]} runs
 * KILLS trials, each a writer child ({@code write URL SEED}) killed at a random moment and a checker child ({@code
 * check URL JOURNAL}), both on the test classes plus H2JAR. The writer runs 8 threads of short transactions shaped like
 * the gateway's intake (a document row, its event, a BLOB payload, a shared counter row) and journals each key before
 * its first statement ({@code B key}) and after its commit returned ({@code C key}). The checker reports, and exits 3
 * on, every broken invariant: rows of one transaction found apart, a committed key missing, a key cut off by the kill
 * that cannot be inserted again, or an answer that changes once fresh transactions have run or the file is reopened.
 */
public final class H2KillProbe {

    /** The gateway's URL options (application.yaml), the default for a campaign. */
    static final String GATEWAY_OPTIONS =
            ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=16384;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0";

    private static final int WRITERS = Integer.getInteger("h2probe.writers", 8);
    private static final int SLOTS = 4;

    private H2KillProbe() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "campaign" -> {
                String options = args.length > 4 ? args[4] : GATEWAY_OPTIONS;
                int bad = campaign(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), options, System.out);
                System.exit(bad == 0 ? 0 : 1);
            }
            case "write" -> write(args[1], Long.parseLong(args[2]));
            case "check" -> {
                List<String> anomalies = check(args[1], Path.of(args[2]));
                anomalies.forEach(System.out::println);
                System.exit(anomalies.isEmpty() ? 0 : 3);
            }
            default -> throw new IllegalArgumentException("campaign | write | check, not " + args[0]);
        }
    }

    /** Runs {@code kills} kill-and-check trials; returns the number of trials whose reopened file broke an invariant. */
    static int campaign(Path h2Jar, int kills, Path dir, String options, PrintStream out)
            throws IOException, InterruptedException {
        String classPath = Path.of(H2KillProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                + java.io.File.pathSeparator
                + h2Jar;
        Random random = new Random(15);
        int bad = 0;
        for (int trial = 1; trial <= kills; trial++) {
            Path home = dir.resolve("trial-" + trial);
            Files.createDirectories(home);
            String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("probe") + options;
            Path journal = home.resolve("journal.txt");
            Process writer = child(classPath, journal, "write", url, Long.toString(random.nextLong()));
            long runMillis = 500 + random.nextInt(2500);
            awaitLine(journal, "READY", writer);
            // the kill moment is random on purpose: where it falls inside a chunk write is what the probe samples
            writer.waitFor(runMillis, TimeUnit.MILLISECONDS);
            writer.destroyForcibly().waitFor();
            Path report = home.resolve("check.txt");
            Process checker = child(classPath, report, "check", url, journal.toString());
            if (!checker.waitFor(60, TimeUnit.SECONDS)) {
                checker.destroyForcibly().waitFor();
                Files.writeString(
                        report,
                        "checker hung for 60 s\n",
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            List<String> lines = Files.readAllLines(report).stream()
                    .filter(l -> !l.startsWith("# "))
                    .toList();
            long committed = Files.readAllLines(journal).stream()
                    .filter(l -> l.startsWith("C "))
                    .count();
            boolean ok = checker.exitValue() == 0;
            if (!ok) {
                bad++;
            }
            out.printf(
                    "trial %d: killed after %d ms, %d commits: %s%n",
                    trial,
                    runMillis,
                    committed,
                    ok ? "ok" : String.join("; ", lines.subList(0, Math.min(6, lines.size()))));
        }
        out.printf("%d/%d kills left the file inconsistent (%s)%n", bad, kills, h2Jar.getFileName());
        return bad;
    }

    private static Process child(String classPath, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Dh2probe.undoFirst=" + Boolean.getBoolean("h2probe.undoFirst"),
                "-Dh2probe.writers=" + WRITERS,
                "-cp",
                classPath,
                H2KillProbe.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private static void awaitLine(Path file, String line, Process process) throws IOException, InterruptedException {
        // polled, not slept on: the child announces READY once its schema is committed
        while (!Files.exists(file) || !Files.readString(file).contains(line)) {
            if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("writer ended early: " + Files.readString(file));
            }
        }
    }

    // ---- the writer child ----

    static void write(String url, long seed) throws Exception {
        if (Boolean.getBoolean("h2probe.undoFirst")) {
            undoLogsFirst(url);
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE docs (id VARCHAR(40) PRIMARY KEY, status VARCHAR(10) NOT NULL, "
                        + "file_name VARCHAR(200), received_at TIMESTAMP)");
                s.execute("CREATE TABLE events (id BIGINT AUTO_INCREMENT PRIMARY KEY, doc_id VARCHAR(40) NOT NULL, "
                        + "kind VARCHAR(10) NOT NULL)");
                s.execute("CREATE INDEX events_doc ON events (doc_id)");
                s.execute("CREATE INDEX docs_status ON docs (status)");
                s.execute("CREATE TABLE payloads (doc_id VARCHAR(40) PRIMARY KEY, content BLOB NOT NULL)");
                s.execute(
                        "CREATE TABLE counters (slot INT PRIMARY KEY, received BIGINT NOT NULL, done BIGINT NOT NULL)");
                for (int slot = 0; slot < SLOTS; slot++) {
                    s.execute("INSERT INTO counters VALUES (" + slot + ", 0, 0)");
                }
            }
        }
        System.out.println("READY");
        System.out.flush();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> writerLoop(url, thread, new Random(seed + thread), stop));
            worker.start();
            threads.add(worker);
        }
        for (Thread worker : threads) {
            worker.join();
        }
    }

    /**
     * Opens a transaction on as many connections as the writers will use, all at once, before the schema exists: H2
     * keeps one undo-log map per transaction id, so their maps are then older than the tables' maps, as on a gateway
     * restarted on an existing file whose tables came with a later migration.
     */
    private static void undoLogsFirst(String url) throws SQLException {
        List<Connection> open = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE warm (id INT PRIMARY KEY)");
            for (int i = 0; i < WRITERS + 4; i++) {
                Connection w = DriverManager.getConnection(url, "sa", "");
                w.setAutoCommit(false);
                open.add(w);
                try (Statement ws = w.createStatement()) {
                    ws.execute("INSERT INTO warm VALUES (" + i + ")");
                }
            }
            for (Connection w : open) {
                w.commit();
            }
        } finally {
            for (Connection w : open) {
                w.close();
            }
        }
    }

    private static void writerLoop(String url, int thread, Random random, AtomicBoolean stop) {
        List<String> mine = new ArrayList<>();
        int seq = 0;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                try {
                    if (mine.isEmpty() || random.nextInt(10) < 7) {
                        String id = "T" + thread + "-" + seq++;
                        journal("B " + id);
                        insertDocument(c, id, random);
                        c.commit();
                        journal("C " + id);
                        mine.add(id);
                    } else {
                        String id = mine.remove(random.nextInt(mine.size()));
                        finish(c, id, random);
                        c.commit();
                    }
                } catch (SQLException e) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            journal("E " + e);
        }
    }

    private static synchronized void journal(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static void insertDocument(Connection c, String id, Random random) throws SQLException {
        insertDocument(c, id, random, true);
    }

    private static void insertDocument(Connection c, String id, Random random, boolean count) throws SQLException {
        try (PreparedStatement doc = c.prepareStatement(
                        "INSERT INTO docs (id, status, file_name, received_at) SELECT ?, 'RECEIVED', ?, "
                                + "CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM docs WHERE id = ?)");
                PreparedStatement event =
                        c.prepareStatement("INSERT INTO events (doc_id, kind) VALUES (?, 'received')");
                PreparedStatement payload =
                        c.prepareStatement("INSERT INTO payloads (doc_id, content) VALUES (?, ?)")) {
            doc.setString(1, id);
            doc.setString(2, id + ".csv");
            doc.setString(3, id);
            if (doc.executeUpdate() != 1) {
                throw new SQLException("document " + id + " exists already");
            }
            event.setString(1, id);
            event.executeUpdate();
            byte[] content = new byte[100 + random.nextInt(random.nextInt(10) == 0 ? 200_000 : 8_000)];
            random.nextBytes(content);
            payload.setString(1, id);
            payload.setBytes(2, content);
            payload.executeUpdate();
            if (count) {
                count(c);
            }
        }
    }

    private static void count(Connection c) throws SQLException {
        try (PreparedStatement counter =
                c.prepareStatement("UPDATE counters SET received = received + 1 WHERE slot = ?")) {
            counter.setInt(1, Math.floorMod(System.nanoTime(), SLOTS));
            counter.executeUpdate();
        }
    }

    private static void finish(Connection c, String id, Random random) throws SQLException {
        try (PreparedStatement doc = c.prepareStatement("UPDATE docs SET status = 'DONE' WHERE id = ?");
                PreparedStatement event = c.prepareStatement("INSERT INTO events (doc_id, kind) VALUES (?, 'done')");
                PreparedStatement counter = c.prepareStatement("UPDATE counters SET done = done + 1 WHERE slot = ?")) {
            doc.setString(1, id);
            doc.executeUpdate();
            event.setString(1, id);
            event.executeUpdate();
            counter.setInt(1, random.nextInt(SLOTS));
            counter.executeUpdate();
        }
    }

    // ---- the checker child ----

    /** The invariants of the reopened file; an empty list when they all hold. */
    static List<String> check(String url, Path journal) throws Exception {
        Set<String> begun = new LinkedHashSet<>();
        Set<String> committed = new HashSet<>();
        for (String line : Files.readAllLines(journal)) {
            if (line.startsWith("B ")) {
                begun.add(line.substring(2));
            } else if (line.startsWith("C ")) {
                committed.add(line.substring(2));
            }
        }
        List<String> anomalies = new ArrayList<>();
        Set<String> expected;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Set<String> first = invariants(c, "at reopen", anomalies);
            for (String id : committed) {
                if (!first.contains(id)) {
                    anomalies.add("committed " + id + " missing at reopen");
                }
            }
            Set<String> second = invariants(c, "read again", anomalies);
            if (!second.equals(first)) {
                anomalies.add("a second read differs: " + difference(first, second));
            }
            expected = new TreeSet<>(first);
            // a key cut off by the kill must be free again: the gateway inserts it anew on redelivery
            c.setAutoCommit(false);
            for (String id : begun) {
                if (committed.contains(id) || first.contains(id)) {
                    continue;
                }
                try {
                    insertDocument(c, id, new Random(id.hashCode()));
                    c.commit();
                    expected.add(id);
                } catch (SQLException e) {
                    c.rollback();
                    anomalies.add("in-flight " + id + " cannot be inserted again: " + firstLine(e));
                }
            }
            // fresh transactions, many open at once, take the transaction ids the killed process had in use
            for (int round = 0; round < 3; round++) {
                freshTransactions(url, round, expected, anomalies);
                Set<String> now = invariants(c, "after fresh round " + round, anomalies);
                if (!now.equals(expected)) {
                    anomalies.add("after fresh round " + round + ": " + difference(expected, now));
                }
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Set<String> reopened = invariants(c, "after a clean reopen", anomalies);
            if (!reopened.equals(expected)) {
                anomalies.add("after a clean reopen: " + difference(expected, reopened));
            }
        }
        return anomalies;
    }

    private static void freshTransactions(String url, int round, Set<String> expected, List<String> anomalies)
            throws SQLException {
        List<Connection> open = new ArrayList<>();
        Set<Integer> failed = new HashSet<>();
        try {
            for (int i = 0; i < WRITERS + 8; i++) {
                Connection c = DriverManager.getConnection(url, "sa", "");
                c.setAutoCommit(false);
                open.add(c);
                String id = "F" + round + "-" + i;
                try {
                    // the shared counter row is taken at commit, one connection at a time, so none waits on a lock
                    insertDocument(c, id, new Random(i), false);
                } catch (SQLException e) {
                    c.rollback();
                    failed.add(i);
                    anomalies.add("fresh " + id + " failed: " + firstLine(e));
                }
            }
            for (int i = 0; i < open.size(); i++) {
                Connection c = open.get(i);
                String id = "F" + round + "-" + i;
                try {
                    if (i % 3 == 2 || failed.contains(i)) {
                        c.rollback();
                    } else {
                        count(c);
                        c.commit();
                        expected.add(id);
                    }
                } catch (SQLException e) {
                    anomalies.add("fresh " + id + " commit failed: " + firstLine(e));
                }
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    private static Set<String> invariants(Connection c, String when, List<String> anomalies) throws SQLException {
        // progress for a checker that hangs; the campaign leaves lines starting with # out of its summary
        System.out.println("# " + when + ", anomalies so far: " + anomalies);
        System.out.flush();
        Set<String> ids = new TreeSet<>();
        long received;
        long done;
        long doneDocs;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM docs")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            received = single(s, "SELECT SUM(received) FROM counters");
            done = single(s, "SELECT SUM(done) FROM counters");
            doneDocs = single(s, "SELECT COUNT(*) FROM docs WHERE status = 'DONE'");
            long byIndex = single(s, "SELECT COUNT(*) FROM docs WHERE id >= ''");
            long counted = single(s, "SELECT COUNT(*) FROM docs");
            long events = single(s, "SELECT COUNT(*) FROM events WHERE kind = 'received'");
            long doneEvents = single(s, "SELECT COUNT(*) FROM events WHERE kind = 'done'");
            long payloads = single(s, "SELECT COUNT(*) FROM payloads");
            long orphans = single(
                    s,
                    "SELECT COUNT(*) FROM events e WHERE NOT EXISTS " + "(SELECT 1 FROM docs d WHERE d.id = e.doc_id)");
            long orphanPayloads = single(
                    s,
                    "SELECT COUNT(*) FROM payloads p WHERE NOT EXISTS "
                            + "(SELECT 1 FROM docs d WHERE d.id = p.doc_id)");
            long unreadable = 0;
            try (ResultSet rs = s.executeQuery("SELECT OCTET_LENGTH(content) FROM payloads")) {
                while (rs.next()) {
                    unreadable += rs.getLong(1) < 100 ? 1 : 0;
                }
            }
            if (byIndex != ids.size()
                    || counted != ids.size()
                    || events != ids.size()
                    || payloads != ids.size()
                    || received != ids.size()
                    || orphans != 0
                    || orphanPayloads != 0
                    || done != doneDocs
                    || doneEvents != doneDocs
                    || unreadable != 0) {
                anomalies.add(String.format(
                        "%s: docs %d (by index %d, counted %d), received events %d, payloads %d, received counter %d, "
                                + "orphan events %d, orphan payloads %d, done docs %d, done events %d, done counter %d, "
                                + "short payloads %d",
                        when,
                        ids.size(),
                        byIndex,
                        counted,
                        events,
                        payloads,
                        received,
                        orphans,
                        orphanPayloads,
                        doneDocs,
                        doneEvents,
                        done,
                        unreadable));
            }
        } catch (SQLException e) {
            anomalies.add(when + ": " + firstLine(e));
        }
        return ids;
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return "missing " + missing + ", unexpected " + extra;
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().findFirst().orElse("");
    }
}
