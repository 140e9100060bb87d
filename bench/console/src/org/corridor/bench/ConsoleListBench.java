package org.corridor.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.corridor.track.DocumentIndex;
import org.corridor.track.DocumentQueries;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's document list over N tracked documents (default 100,000) on H2 and on PostgreSQL: the first page
 * unfiltered, filtered by free text (a business number's tail), and by shipment, each run R times after a warm-up;
 * prints p50/p95/max and the database's plan for each query. Run with bench/console/run.sh [N].
 */
public final class ConsoleListBench {

    private static final int RUNS = 300;
    private static final int DOCS_PER_SHIPMENT = 6;
    private static final String[] KINDS = {"ASSAY_CERTIFICATE", "PACKING_LIST", "BILL_OF_LADING",
        "CUSTOMS_DECLARATION", "INVOICE", "SHIPPING_INSTRUCTION"};
    private static final String[] SENDERS = {"KHILAB", "OCEANCAR", "PKCUSTOMS", "FWOPK", "USSMUS", "LAB2"};
    private static final String[] STATUSES = {"DELIVERED", "DELIVERED", "DELIVERED", "ACKNOWLEDGED", "REJECTED",
        "FAILED"};

    private ConsoleListBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        run("H2 " + org.h2.engine.Constants.VERSION, h2, "classpath:db/vendor/h2", n);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            run("PostgreSQL (embedded, zonky)", pg.getPostgresDatabase(), "classpath:db/vendor/postgresql", n);
        }
    }

    private static void run(String name, DataSource data, String vendor, int n) {
        Flyway.configure().dataSource(data).locations("classpath:db/migration", vendor).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(data);
        long seeding = System.nanoTime();
        seed(jdbc, n);
        if (vendor.endsWith("postgresql")) {
            jdbc.execute("ANALYZE");
        } else {
            jdbc.execute("ANALYZE");
        }
        System.out.printf("%n== %s: %,d documents seeded in %.1f s%n", name, n, (System.nanoTime() - seeding) / 1e9);
        DocumentQueries queries = newQueries(jdbc);
        Random random = new Random(7);
        int shipments = n / DOCS_PER_SHIPMENT;
        measure("first page, no filter", () -> queries.list(DocumentQueries.Filter.none(), null, 50));
        measure("text: a certificate number's tail (\"0147\"-like)", () -> queries.list(filterText(
                String.format("%05d", random.nextInt(shipments))), null, 50));
        measure("text: a whole B/L number", () -> queries.list(filterText("BL-PK-"
                + String.format("%05d", random.nextInt(shipments))), null, 50));
        measure("shipment", () -> queries.list(new DocumentQueries.Filter(null, null, null, null, null,
                shipment(random.nextInt(shipments)), null, null, null), null, 50));
        measure("status REJECTED, page 1", () -> queries.list(new DocumentQueries.Filter("REJECTED", null, null,
                null, null, null, null, null, null), null, 50));
        explain(jdbc, vendor.endsWith("postgresql"));
    }

    private static DocumentQueries.Filter filterText(String text) {
        return new DocumentQueries.Filter(null, null, null, null, null, null, null, null, text);
    }

    private static String shipment(int i) {
        return String.format("CU-2025-%05d", i);
    }

    private static void seed(JdbcTemplate jdbc, int n) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<Object[]> docs = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = i / DOCS_PER_SHIPMENT;
            int k = i % DOCS_PER_SHIPMENT;
            String id = String.format("D-BENCH-%07d", i);
            String number = switch (k) {
                case 0 -> String.format("KHILAB-CU-2025-%05d", s);
                case 1 -> String.format("PL-2025-%05d", s);
                case 2 -> String.format("BL-PK-%05d", s);
                case 3 -> String.format("GD-KPEX-%05d", s);
                case 4 -> String.format("INV-%05d", s);
                default -> String.format("SI-%05d", s);
            };
            String file = number + (k == 2 ? ".edi" : ".csv");
            Timestamp at = Timestamp.from(start.plusSeconds(i * 30L));
            docs.add(new Object[] {id, file, "folder:bench", "x", 100, "", KINDS[k], "PK-US-CM-2025",
                STATUSES[(i * 7) % STATUSES.length], at, at, number, SENDERS[k], shipment(s)});
            events.add(new Object[] {id, "INTAKE", "received " + file, at});
            events.add(new Object[] {id, "DELIVER", "delivered over HTTP", at});
            for (String t : DocumentIndex.terms(List.of(file, number, shipment(s),
                    String.format("MSKU%07d", s), String.format("FWO-CU-L%05d", s)))) {
                terms.add(new Object[] {t, id});
            }
            if (docs.size() == 5_000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO documents (document_id, file_name, intake, sha256, size_bytes,"
                        + " archive_path, kind, agreement_ref, status, received_at, updated_at, business_no, sender_id,"
                        + " shipment_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs);
                jdbc.batchUpdate("INSERT INTO events (document_id, stage, detail, created_at) VALUES (?, ?, ?, ?)",
                        events);
                jdbc.batchUpdate("INSERT INTO document_terms (term, document_id) VALUES (?, ?)", terms);
                docs.clear();
                events.clear();
                terms.clear();
            }
        }
    }

    private static void measure(String what, Supplier<DocumentQueries.Page> query) {
        for (int i = 0; i < 50; i++) {
            query.get();
        }
        long[] nanos = new long[RUNS];
        long rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            rows += query.get().total();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("  %-50s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (mean total %,d)%n", what,
                nanos[RUNS / 2] / 1e6, nanos[(int) (RUNS * 0.95)] / 1e6, nanos[RUNS - 1] / 1e6, rows / RUNS);
    }

    private static void explain(JdbcTemplate jdbc, boolean postgres) {
        String text = "SELECT d.document_id FROM documents d WHERE d.document_id IN (SELECT t.document_id FROM"
                + " document_terms t WHERE t.term LIKE '00147%') ORDER BY d.received_at DESC, d.document_id DESC"
                + " LIMIT 51";
        String ship = "SELECT d.document_id FROM documents d WHERE d.shipment_ref = 'CU-2025-00147'"
                + " ORDER BY d.received_at DESC, d.document_id DESC LIMIT 51";
        for (String sql : List.of(text, ship)) {
            System.out.println("  plan: " + sql);
            jdbc.queryForList("EXPLAIN " + sql).forEach(row -> row.values().forEach(v -> System.out.println("    "
                    + String.valueOf(v).replace("\n", "\n    "))));
        }
    }

    /** DocumentQueries' constructor is package-private (a Spring bean): made here the way Spring would. */
    private static DocumentQueries newQueries(JdbcTemplate jdbc) {
        try {
            var constructor = DocumentQueries.class.getDeclaredConstructor(JdbcTemplate.class);
            constructor.setAccessible(true);
            return constructor.newInstance(jdbc);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
