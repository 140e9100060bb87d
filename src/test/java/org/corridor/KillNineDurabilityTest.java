package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.corridor.support.GatewayProcess;
import org.corridor.support.PartnerHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Committed work survives kill -9. The real gateway runs in a JVM of its own on its own home and is killed with
 * SIGKILL three times: while files are being taken in, while they are being processed, and while deliveries are being
 * committed; each time it is started again on the same home and left to finish. Then what the partners received and
 * what the tracking store says must agree: every document reached the folder partner once and is DELIVERED, with
 * every delivery DELIVERED; the HTTP partner got a document twice only as a resend under the same Idempotency-Key; a
 * replay without force sends nothing; the control numbers of the interchanges Corridor wrote are never reused and the
 * database's counter is past them; an EDI interchange received before a kill is refused as a duplicate when sent again;
 * and every export declaration accepted is counted once against its quota.
 *
 * <p>Each trial drops {@code corridor.durability.documents} (default 40) distinct documents: half lab CSV certificates
 * (to the buyer over HTTP and the exporter's folder), a quarter EDIFACT QALITY interchanges (the same, and a CONTRL to
 * the lab), a quarter export declaration worksheets (to the exporter, counted against the copper quota).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillNineDurabilityTest {

    private static final Logger LOG = LoggerFactory.getLogger(KillNineDurabilityTest.class);
    private static final int DOCUMENTS = Integer.getInteger("corridor.durability.documents", 40);
    private static final Duration START = Duration.ofSeconds(150);
    private static final Duration SETTLE = Duration.ofSeconds(150);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final String RUN = UUID.randomUUID().toString();
    private static final Path HOME =
            Path.of("target", "test-homes", "kill-" + RUN).toAbsolutePath();
    private static final String OPERATOR_TOKEN = "operator-" + RUN;
    private static final BigDecimal TONNES_PER_DECLARATION = new BigDecimal("0.010");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern RECEIVED = Pattern.compile("Received (\\S+) as (D-\\S+) via ");
    private static final Pattern RENDERED = Pattern.compile("Document (\\S+) rendered as ");
    private static final Pattern DELIVERED = Pattern.compile("Document (\\S+) delivered to (\\S+) at ");
    /** The interchange header of an EDIFACT interchange Corridor wrote: sender, receiver, control reference. */
    private static final Pattern UNB =
            Pattern.compile("UNB\\+[^+']*\\+([^+:']+)[^+']*\\+([^+:']+)[^+']*\\+[^+']*\\+" + "([^+:']+)");

    private static PartnerHttpServer buyer;
    private static GatewayProcess gateway;
    /** Every document dropped so far, by trial. */
    private static final List<Doc> DROPPED = new ArrayList<>();

    /** What a document is, for what it must become. */
    private enum Kind {
        ASSAY,
        EDI,
        DECLARATION
    }

    /** One dropped document: its file name, the number that identifies it in every output, its EDI reference. */
    private record Doc(int trial, Kind kind, String name, String tag, String ediRef) {}

    @BeforeAll
    static void startGateway() throws IOException {
        buyer = new PartnerHttpServer();
        gateway = new GatewayProcess(
                HOME,
                Map.of("CORRIDOR_API_OPERATOR_TOKEN", OPERATOR_TOKEN),
                List.of(
                        "--corridor.partners.USSMUS.channel=HTTP",
                        "--corridor.partners.USSMUS.url=" + buyer.url("/corridor/inbound"),
                        "--corridor.intake.read-lock-min-age-ms=100",
                        "--corridor.intake.read-lock-check-interval-ms=20",
                        "--corridor.intake.poll-delay-ms=100",
                        "--corridor.delivery.redelivery-delay-ms=100",
                        "--camel.main.shutdown-timeout=10"));
        gateway.start(START);
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        if (buyer != null) {
            buyer.close();
        }
    }

    @Test
    @Order(1)
    void survivesAKillWhileFilesAreTakenIn() {
        // a third of the files archived, recorded and handed to processing: intake is committing
        trial(1, "intake", log -> log.received(1) >= Math.max(1, DOCUMENTS / 3));
    }

    @Test
    @Order(2)
    void survivesAKillWhileDocumentsAreProcessed() {
        // every file taken in, processing under way (it trails intake), deliveries just starting
        trial(2, "processing", log -> log.received(2) == DOCUMENTS && log.rendered(2) >= 1);
    }

    @Test
    @Order(3)
    void survivesAKillWhileDeliveriesAreCommitted() {
        trial(3, "delivery", log -> log.delivered(3) >= expectedDeliveries(3) / 2);
    }

    @Test
    @Order(4)
    void everyDocumentReachedItsPartnersExactlyOnce() {
        Outputs outputs = Outputs.read();
        LogView log = new LogView(gateway.log());
        SoftAssertions.assertSoftly(softly -> {
            for (Doc doc : DROPPED) {
                List<Path> files = outputs.folder.getOrDefault(doc.tag, List.of());
                softly.assertThat(files)
                        .as("the exporter's copies of %s (trial %d)", doc.tag, doc.trial)
                        .hasSize(1);
                if (files.size() != 1) {
                    continue;
                }
                String documentId = documentId(files.get(0));
                // the file is written under the document's own name: a second write would show as a second delivery
                softly.assertThat(log.deliveriesTo(documentId, "FWOPK"))
                        .as("deliveries of %s (%s) to the exporter's" + " folder", documentId, doc.tag)
                        .isLessThanOrEqualTo(1);
                if (doc.kind != Kind.DECLARATION) {
                    List<PartnerHttpServer.Received> posts = outputs.http.getOrDefault(doc.tag, List.of());
                    softly.assertThat(posts)
                            .as("POSTs of %s to the buyer", doc.tag)
                            .isNotEmpty()
                            .allSatisfy(
                                    p -> assertThat(p.header("Idempotency-Key")).isEqualTo(documentId + ":USSMUS"))
                            .allSatisfy(p -> assertThat(p.bodyText())
                                    .isEqualTo(posts.get(0).bodyText()));
                }
                if (doc.kind == Kind.EDI) {
                    softly.assertThat(outputs.contrl.getOrDefault(doc.ediRef, List.of()))
                            .as("CONTRLs to the lab for interchange %s", doc.ediRef)
                            .hasSize(1);
                }
            }
            softly.assertThat(outputs.strayFolderFiles)
                    .as("files in the exporter's folder that are no document")
                    .isEmpty();
            // a control number is never handed out twice to the same partner pair, not even across a kill
            Map<String, List<Long>> numbers = outputs.controlNumbers();
            numbers.forEach((pair, refs) ->
                    softly.assertThat(refs).as("interchange numbers %s", pair).doesNotHaveDuplicates());
        });
    }

    @Test
    @Order(5)
    void aReplayWithoutForceOfADeliveredDocumentSendsNothing() throws Exception {
        Outputs before = Outputs.read();
        int posts = buyer.received().size();
        int deliveries = new LogView(gateway.log()).deliveredLines();
        Map<Path, FileTime> written = modified(HOME.resolve("outbox/FWOPK"));
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, Integer> answers = new TreeMap<>();
        for (Path file :
                before.folder.values().stream().flatMap(List::stream).distinct().toList()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/documents/"
                                    + documentId(file) + "/replay"))
                            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.merge(answer.statusCode(), 1, Integer::sum);
        }
        LOG.info("Replays without force of {} delivered documents answered {}", before.folder.size(), answers);
        await("the gateway quiet after the replays").atMost(SETTLE).until(() -> gateway.quietFor(QUIET));

        Map<Path, FileTime> after = modified(HOME.resolve("outbox/FWOPK"));
        SoftAssertions.assertSoftly(softly -> {
            // 404: the tracking store does not know a document the partner has; 202: it did not know it was delivered
            softly.assertThat(answers)
                    .as("answers to the replays (status=count)")
                    .containsOnlyKeys(409);
            List<PartnerHttpServer.Received> received = buyer.received();
            softly.assertThat(received.subList(Math.min(posts, received.size()), received.size()))
                    .extracting(p -> p.header("Idempotency-Key"))
                    .as("POSTs to the buyer after the replays")
                    .isEmpty();
            softly.assertThat(new LogView(gateway.log()).deliveredLines())
                    .as("deliveries logged")
                    .isEqualTo(deliveries);
            softly.assertThat(after).as("the exporter's folder").isEqualTo(written);
        });
    }

    @Test
    @Order(6)
    void anInterchangeReceivedBeforeAKillIsRefusedAsADuplicateWhenSentAgain() throws IOException {
        List<Doc> interchanges =
                DROPPED.stream().filter(d -> d.kind == Kind.EDI).toList();
        int folder = Outputs.read().folder.size();
        for (Doc doc : interchanges) {
            drop("AGAIN-" + doc.name, content(doc));
        }
        await("every interchange sent again refused")
                .atMost(SETTLE)
                .until(() -> interchanges.stream()
                        .allMatch(d -> Files.exists(HOME.resolve("error/AGAIN-" + d.name + ".error.txt"))));
        await("the gateway quiet after the refusals").atMost(SETTLE).until(() -> gateway.quietFor(QUIET));
        SoftAssertions.assertSoftly(softly -> {
            for (Doc doc : interchanges) {
                softly.assertThat(HOME.resolve("error/AGAIN-" + doc.name + ".error.txt"))
                        .as("why AGAIN-%s (interchange %s, trial %d) was refused", doc.name, doc.ediRef, doc.trial)
                        .content()
                        .contains("EDI_DUPLICATE");
            }
            softly.assertThat(Outputs.read().folder.size())
                    .as("documents in the exporter's folder")
                    .isEqualTo(folder);
        });
    }

    @Test
    @Order(7)
    void theTrackingStoreAgreesWithWhatPartnersReceived() {
        Outputs outputs = Outputs.read();
        gateway.stop();
        // one connection for every query: H2 would otherwise open (and recover) the file anew for each
        SingleConnectionDataSource database =
                new SingleConnectionDataSource("jdbc:h2:file:" + HOME.resolve("db/corridor"), "sa", "", true);
        JdbcTemplate db = new JdbcTemplate(database);
        try {
            trackingAgreesWith(outputs, db);
        } finally {
            database.destroy();
        }
    }

    private static void trackingAgreesWith(Outputs outputs, JdbcTemplate db) {
        SoftAssertions.assertSoftly(softly -> {
            Map<String, Integer> fileRows = new HashMap<>();
            db.query("SELECT file_name, count(*) FROM documents WHERE parent_id IS NULL GROUP BY file_name", rs -> {
                fileRows.put(rs.getString(1), rs.getInt(2));
            });
            for (Doc doc : DROPPED) {
                softly.assertThat(fileRows.get(doc.name))
                        .as("tracking rows of the file %s", doc.name)
                        .isEqualTo(1);
                List<Path> files = outputs.folder.getOrDefault(doc.tag, List.of());
                if (files.isEmpty()) {
                    continue;
                }
                String documentId = documentId(files.get(0));
                List<String> status =
                        db.queryForList("SELECT status FROM documents WHERE document_id = ?", String.class, documentId);
                softly.assertThat(status)
                        .as("status of %s (%s, trial %d), which the exporter has", documentId, doc.tag, doc.trial)
                        .containsExactly("DELIVERED");
                softly.assertThat(db.queryForList(
                                "SELECT partner_id || '=' || status FROM deliveries"
                                        + " WHERE document_id = ? ORDER BY partner_id",
                                String.class,
                                documentId))
                        .as("deliveries of %s (%s, trial %d)", documentId, doc.tag, doc.trial)
                        .containsExactlyElementsOf(
                                doc.kind == Kind.DECLARATION
                                        ? List.of("FWOPK=DELIVERED")
                                        : List.of("FWOPK=DELIVERED", "USSMUS=DELIVERED"));
            }
            softly.assertThat(db.queryForList(
                            "SELECT file_name || ' ' || document_id || ' ' || status FROM documents"
                                    + " WHERE status NOT IN ('DELIVERED', 'SPLIT')"
                                    + " AND NOT (status = 'REJECTED' AND file_name LIKE 'AGAIN-%')",
                            String.class))
                    .as("documents neither delivered nor refused as a duplicate sent again")
                    .isEmpty();
            softly.assertThat(db.queryForList(
                            "SELECT document_id || ' ' || partner_id || ' ' || status"
                                    + " FROM deliveries WHERE status <> 'DELIVERED'",
                            String.class))
                    .as("deliveries not DELIVERED")
                    .isEmpty();
            softly.assertThat(db.queryForList(
                            "SELECT DISTINCT document_id FROM deliveries d WHERE NOT EXISTS"
                                    + " (SELECT 1 FROM documents x WHERE x.document_id = d.document_id)",
                            String.class))
                    .as("deliveries of documents the tracking store does not know")
                    .isEmpty();

            // control numbers: the counter is past every number written, so none is handed out again
            outputs.controlNumbers().forEach((pair, refs) -> {
                String[] parties = pair.split(">");
                List<Long> counter = db.queryForList(
                        "SELECT last_value FROM edi_control_numbers WHERE sender = ?"
                                + " AND receiver = ? AND level_name = 'INTERCHANGE'",
                        Long.class,
                        parties[0],
                        parties[1]);
                softly.assertThat(counter)
                        .as("the interchange counter %s", pair)
                        .singleElement()
                        .satisfies(last -> assertThat(last)
                                .isGreaterThanOrEqualTo(refs.stream()
                                        .mapToLong(Long::longValue)
                                        .max()
                                        .orElse(0)));
            });
            // the record of every interchange received: the duplicate check above depends on it
            for (Doc doc : DROPPED.stream().filter(d -> d.kind == Kind.EDI).toList()) {
                softly.assertThat(db.queryForObject(
                                "SELECT count(*) FROM edi_interchanges WHERE direction = 'IN'"
                                        + " AND sender = 'KHILAB' AND control_ref = ?",
                                Integer.class,
                                doc.ediRef))
                        .as("records of interchange %s received", doc.ediRef)
                        .isEqualTo(1);
            }

            // the quota ledger: each accepted declaration counted exactly once
            long declarations =
                    DROPPED.stream().filter(d -> d.kind == Kind.DECLARATION).count();
            BigDecimal tonnes = TONNES_PER_DECLARATION.multiply(BigDecimal.valueOf(declarations));
            softly.assertThat(db.queryForObject("SELECT count(*) FROM allowance_counts", Integer.class))
                    .as("declarations counted against the quota")
                    .isEqualTo((int) declarations);
            softly.assertThat(db.queryForList("SELECT allowance_id, used_tonnes FROM allowance_usage"))
                    .as("quota and permit usage")
                    .hasSize(2)
                    .allSatisfy(row -> assertThat((BigDecimal) row.get("used_tonnes"))
                            .as("%s", row.get("allowance_id"))
                            .isEqualByComparingTo(tonnes));
        });
    }

    /** Drops a trial's documents, kills the gateway at the moment given, starts it again and waits until it is done. */
    private static void trial(int trial, String phase, Predicate<LogView> killWhen) {
        List<Doc> docs = documents(trial);
        DROPPED.addAll(docs);
        for (Doc doc : docs) {
            drop(doc.name, content(doc));
        }
        await("the moment to kill the gateway during " + phase)
                .atMost(SETTLE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> killWhen.test(new LogView(gateway.currentLog())));
        gateway.kill();
        LogView atKill = new LogView(gateway.log());
        LOG.info(
                "Trial {} ({}): killed with {} of {} files received, {} of their deliveries rendered, {} of {}"
                        + " delivered",
                trial,
                phase,
                atKill.received(trial),
                docs.size(),
                atKill.rendered(trial),
                atKill.delivered(trial),
                expectedDeliveries(trial));

        gateway.start(START);
        await("every document of trials 1.." + trial + " at its partners")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Outputs.read().hasEverything(DROPPED));
        await("the gateway quiet after trial " + trial).atMost(SETTLE).until(() -> gateway.quietFor(QUIET));
    }

    private static List<Doc> documents(int trial) {
        int edi = Math.max(1, DOCUMENTS / 4);
        int declarations = Math.max(1, DOCUMENTS / 4);
        int assays = Math.max(1, DOCUMENTS - edi - declarations);
        List<Doc> docs = new ArrayList<>();
        for (int i = 1; i <= assays; i++) {
            String tag = "DUR-T%d-A%04d".formatted(trial, i);
            docs.add(new Doc(trial, Kind.ASSAY, tag + ".csv", tag, null));
        }
        for (int i = 1; i <= edi; i++) {
            String tag = "DUR-T%d-E%04d".formatted(trial, i);
            docs.add(new Doc(trial, Kind.EDI, tag + ".edi", tag, "DU%d%04d".formatted(trial, i)));
        }
        for (int i = 1; i <= declarations; i++) {
            docs.add(new Doc(
                    trial,
                    Kind.DECLARATION,
                    "DUR-T%d-D%04d.json".formatted(trial, i),
                    "PQEX-DURT%d-D%04d-14102025".formatted(trial, i),
                    null));
        }
        return docs;
    }

    /** Deliveries the trial's documents make: assays to two partners, EDI to two and a CONTRL, declarations to one. */
    private static int expectedDeliveries(int trial) {
        return documents(trial).stream()
                .mapToInt(d -> switch (d.kind) {
                    case ASSAY -> 2;
                    case EDI -> 3;
                    case DECLARATION -> 1;
                })
                .sum();
    }

    /** The sample with the document's own numbers (certificate, lots, interchange reference, declaration). */
    private static byte[] content(Doc doc) {
        try {
            return switch (doc.kind) {
                case ASSAY ->
                    Files.readString(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"))
                            .replace("KHILAB-CU-2025-0147", doc.tag)
                            .replace("FWO-CU-L0", doc.tag + "-L0")
                            .getBytes(StandardCharsets.UTF_8);
                case EDI ->
                    Files.readString(Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"))
                            .replace("KHILAB-CU-2025-0147", doc.tag)
                            .replace("FWO-CU-L0", doc.tag + "-L0")
                            .replace("KH250147", doc.ediRef)
                            .getBytes(StandardCharsets.UTF_8);
                case DECLARATION -> declaration(doc.tag);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The copper export declaration with its own number and invoice, no containers (so that it joins no other
     * document's shipment) and 10 kg on its line, so that the quota is never the limit however many are dropped.
     */
    private static byte[] declaration(String gdNumber) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(
                Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json").toFile());
        root.put("gdNumber", gdNumber);
        root.put("invoiceNo", gdNumber + "-INV");
        root.remove("containers");
        ObjectNode line = (ObjectNode) root.get("lines").get(0);
        ((ObjectNode) line.get("quantity")).put("value", TONNES_PER_DECLARATION);
        line.put("grossWeightKg", new BigDecimal("10.50"));
        line.put("netWeightKg", new BigDecimal("10.00"));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Into the inbox as a complete file: written under a name intake skips, then renamed. */
    private static void drop(String name, byte[] content) {
        try {
            Path inbox = Files.createDirectories(HOME.resolve("inbox/any"));
            Path partial = Files.write(inbox.resolve(name + ".tmp"), content);
            Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String documentId(Path outboxFile) {
        String name = outboxFile.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    private static Map<Path, FileTime> modified(Path folder) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    /** What the partners hold: the exporter's folder and the lab's CONTRLs by number, the buyer's POSTs by number. */
    private static final class Outputs {
        private final Map<String, List<Path>> folder = new HashMap<>();
        private final List<String> strayFolderFiles = new ArrayList<>();
        private final Map<String, List<PartnerHttpServer.Received>> http = new HashMap<>();
        private final Map<String, List<Path>> contrl = new HashMap<>();
        private final Map<Path, String> contrlText = new LinkedHashMap<>();

        static Outputs read() {
            Outputs outputs = new Outputs();
            Set<String> tags = DROPPED.stream().map(Doc::tag).collect(Collectors.toSet());
            Pattern tag = Pattern.compile("DUR-T\\d-[AE]\\d{4}|PQEX-DURT\\d-D\\d{4}-14102025");
            for (Path file : list(HOME.resolve("outbox/FWOPK"))) {
                Matcher m = tag.matcher(text(file));
                if (m.find() && tags.contains(m.group())) {
                    outputs.folder
                            .computeIfAbsent(m.group(), k -> new ArrayList<>())
                            .add(file);
                } else {
                    outputs.strayFolderFiles.add(file.getFileName().toString());
                }
            }
            for (PartnerHttpServer.Received post : buyer.received()) {
                Matcher m = tag.matcher(post.bodyText());
                if (m.find()) {
                    outputs.http
                            .computeIfAbsent(m.group(), k -> new ArrayList<>())
                            .add(post);
                }
            }
            Pattern uci = Pattern.compile("UCI\\+([^+']+)\\+");
            for (Path file : list(HOME.resolve("outbox/KHILAB"))) {
                String text = text(file);
                outputs.contrlText.put(file, text);
                Matcher m = uci.matcher(text);
                if (m.find()) {
                    outputs.contrl
                            .computeIfAbsent(m.group(1), k -> new ArrayList<>())
                            .add(file);
                }
            }
            return outputs;
        }

        boolean hasEverything(List<Doc> docs) {
            return docs.stream()
                    .allMatch(d -> folder.containsKey(d.tag)
                            && (d.kind == Kind.DECLARATION || http.containsKey(d.tag))
                            && (d.kind != Kind.EDI || contrl.containsKey(d.ediRef)));
        }

        /** The interchange control numbers Corridor wrote, by sender and receiver ("CORRIDOR>KHILAB"). */
        Map<String, List<Long>> controlNumbers() {
            Map<String, List<Long>> numbers = new TreeMap<>();
            contrlText.values().forEach(text -> {
                Matcher m = UNB.matcher(text);
                if (m.find()) {
                    numbers.computeIfAbsent(m.group(1) + ">" + m.group(2), k -> new ArrayList<>())
                            .add(Long.parseLong(m.group(3)));
                }
            });
            return numbers;
        }

        private static List<Path> list(Path folder) {
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String text(Path file) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the gateway's log says: files received (name to document id), deliveries rendered and delivered. */
    private static final class LogView {
        private final Map<String, String> received = new HashMap<>();
        private final List<String> rendered = new ArrayList<>();
        private final List<String> delivered = new ArrayList<>();

        LogView(List<String> lines) {
            for (String line : lines) {
                if (!line.contains("Received ") && !line.contains("Document ")) {
                    continue;
                }
                Matcher m = RECEIVED.matcher(line);
                if (m.find()) {
                    received.put(m.group(1), m.group(2));
                    continue;
                }
                m = RENDERED.matcher(line);
                if (m.find()) {
                    rendered.add(m.group(1));
                    continue;
                }
                m = DELIVERED.matcher(line);
                if (m.find()) {
                    delivered.add(m.group(1) + " " + m.group(2));
                }
            }
        }

        int received(int trial) {
            return fileIds(trial).size();
        }

        int rendered(int trial) {
            return (int) rendered.stream().filter(id -> ofTrial(id, trial)).count();
        }

        int delivered(int trial) {
            return (int) delivered.stream().filter(d -> ofTrial(d, trial)).count();
        }

        int deliveredLines() {
            return delivered.size();
        }

        int deliveriesTo(String documentId, String partner) {
            return (int) delivered.stream()
                    .filter((documentId + " " + partner)::equals)
                    .count();
        }

        private List<String> fileIds(int trial) {
            return received.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("DUR-T" + trial + "-"))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        /** A document of one of the trial's files: the file itself, a message of it, its acknowledgement. */
        private boolean ofTrial(String documentId, int trial) {
            return fileIds(trial).stream().anyMatch(documentId::startsWith);
        }
    }
}
