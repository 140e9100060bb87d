package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.corridor.support.GatewayProcess;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.SftpPartnerServer;
import org.corridor.support.crash.CrashCampaign;
import org.corridor.support.crash.CrashDocuments;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.CrashDocuments.Kind;
import org.corridor.support.crash.DurabilityAudit;
import org.corridor.support.crash.DurabilityAudit.Finding;
import org.corridor.support.crash.GatewayLog;
import org.corridor.support.crash.PartnerOutputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed work survives kill -9. The real gateway runs in a JVM of its own on its own home and is killed with
 * SIGKILL three times: while files are being taken in, while they are being processed, and while deliveries are being
 * committed; each time it is started again on the same home and left to finish. Then what the partners received and
 * what the tracking store says must agree ({@link DurabilityAudit}, the check bench/crash.sh runs too): every document
 * reached the folder partner once and is DELIVERED, with every delivery DELIVERED; the HTTP partner got a document
 * twice only as a resend under the same Idempotency-Key; the SFTP partner (the lab) got each acknowledgement once; a
 * replay without force sends nothing; the control numbers of the interchanges Corridor wrote are never reused and the
 * database's counter is past them; an EDI interchange received before a kill is refused as a duplicate when sent again;
 * and every export declaration accepted is counted once against its quota.
 *
 * <p>Each trial drops {@code corridor.durability.documents} (default 40) distinct documents (see
 * {@link CrashDocuments}): lab CSV certificates, EDIFACT QALITY and X12 863 interchanges, export declarations.
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
    private static final CrashDocuments SAMPLES = new CrashDocuments(Path.of("sample-docs"));

    private static PartnerHttpServer buyer;
    private static SftpPartnerServer lab;
    private static GatewayProcess gateway;
    /** Every document dropped so far, by trial. */
    private static final List<Doc> DROPPED = new ArrayList<>();

    @BeforeAll
    static void startGateway() throws IOException {
        buyer = new PartnerHttpServer();
        lab = new SftpPartnerServer(HOME.resolveSibling("kill-" + RUN + "-sftp"), "khilab", "sftp-" + RUN);
        // the lab's acknowledgements go over SFTP: the third channel a kill must not make lose or repeat a file
        List<String> arguments = CrashCampaign.arguments(buyer, lab);
        gateway = new GatewayProcess(HOME, Map.of("CORRIDOR_API_OPERATOR_TOKEN", OPERATOR_TOKEN), arguments);
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
        if (lab != null) {
            lab.close();
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
        trial(2, "processing", log -> log.received(2) == documents(2).size() && log.rendered(2) >= 1);
    }

    @Test
    @Order(3)
    void survivesAKillWhileDeliveriesAreCommitted() {
        trial(3, "delivery", log -> log.delivered(3) >= expectedDeliveries(3) / 2);
    }

    @Test
    @Order(4)
    void everyDocumentReachedItsPartnersExactlyOnce() {
        DurabilityAudit audit = new DurabilityAudit(DROPPED).partners(outputs(), new GatewayLog(gateway.log()));
        LOG.info("Resent under the same Idempotency-Key: {}", audit.get(Finding.RESENT_SAME_KEY));
        assertClean(audit);
    }

    @Test
    @Order(5)
    void aReplayWithoutForceOfADeliveredDocumentSendsNothing() throws Exception {
        PartnerOutputs before = outputs();
        int posts = buyer.received().size();
        int deliveries = new GatewayLog(gateway.log()).deliveredLines();
        Map<Path, FileTime> written = modified(HOME.resolve("outbox/FWOPK"));
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, Integer> answers = new TreeMap<>();
        for (Path file : before.folderFiles()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/documents/"
                                    + PartnerOutputs.documentId(file) + "/replay"))
                            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.merge(answer.statusCode(), 1, Integer::sum);
        }
        LOG.info("Replays without force of {} delivered documents answered {}", before.folderDocuments(), answers);
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
            softly.assertThat(new GatewayLog(gateway.log()).deliveredLines())
                    .as("deliveries logged")
                    .isEqualTo(deliveries);
            softly.assertThat(after).as("the exporter's folder").isEqualTo(written);
        });
    }

    @Test
    @Order(6)
    void anInterchangeReceivedBeforeAKillIsRefusedAsADuplicateWhenSentAgain() {
        List<Doc> interchanges =
                DROPPED.stream().filter(d -> d.kind() == Kind.EDI).toList();
        int folder = outputs().folderDocuments();
        for (Doc doc : interchanges) {
            SAMPLES.drop(HOME, "AGAIN-" + doc.name(), SAMPLES.content(doc));
        }
        await("every interchange sent again refused")
                .atMost(SETTLE)
                .until(() -> interchanges.stream()
                        .allMatch(d -> Files.exists(HOME.resolve("error/AGAIN-" + d.name() + ".error.txt"))));
        await("the gateway quiet after the refusals").atMost(SETTLE).until(() -> gateway.quietFor(QUIET));
        SoftAssertions.assertSoftly(softly -> {
            for (Doc doc : interchanges) {
                softly.assertThat(HOME.resolve("error/AGAIN-" + doc.name() + ".error.txt"))
                        .as(
                                "why AGAIN-%s (interchange %s, trial %d) was refused",
                                doc.name(), doc.ediRef(), doc.trial())
                        .content()
                        .contains("EDI_DUPLICATE");
            }
            softly.assertThat(outputs().folderDocuments())
                    .as("documents in the exporter's folder")
                    .isEqualTo(folder);
        });
    }

    @Test
    @Order(7)
    void theTrackingStoreAgreesWithWhatPartnersReceived() {
        PartnerOutputs outputs = outputs();
        gateway.stop();
        assertThat(HOME.resolve("db/corridor.mv.db.closed-cleanly"))
                .as("an orderly stop is noted beside the database, so the next start skips the scan for cut-off rows")
                .isRegularFile();
        assertClean(new DurabilityAudit(DROPPED).trackingOfStopped(outputs, HOME, null));
    }

    private static void assertClean(DurabilityAudit audit) {
        SoftAssertions.assertSoftly(softly -> audit.findings().forEach((finding, what) -> {
            if (finding != Finding.RESENT_SAME_KEY) {
                softly.assertThat(what).as("%s", finding).isEmpty();
            }
        }));
    }

    /** Drops a trial's documents, kills the gateway at the moment given, starts it again and waits until it is done. */
    private static void trial(int trial, String phase, Predicate<GatewayLog> killWhen) {
        List<Doc> docs = documents(trial);
        DROPPED.addAll(docs);
        for (Doc doc : docs) {
            SAMPLES.drop(HOME, doc.name(), SAMPLES.content(doc));
        }
        await("the moment to kill the gateway during " + phase)
                .atMost(SETTLE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> killWhen.test(new GatewayLog(gateway.currentLog())));
        gateway.kill();
        GatewayLog atKill = new GatewayLog(gateway.log());
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
        assertThat(gateway.currentLog())
                .as("after a kill the tracking store is checked for rows of transactions the kill cut off")
                .anyMatch(line -> line.contains("The tracking store was not closed cleanly"));
        await("every document of trials 1.." + trial + " at its partners")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> outputs().hasEverything(DROPPED));
        await("the gateway quiet after trial " + trial).atMost(SETTLE).until(() -> gateway.quietFor(QUIET));
    }

    private static List<Doc> documents(int trial) {
        return CrashDocuments.documents(trial, DOCUMENTS, true);
    }

    /** Deliveries the trial's documents make, acknowledgements to the lab included. */
    private static int expectedDeliveries(int trial) {
        return documents(trial).stream().mapToInt(d -> d.kind().deliveries()).sum();
    }

    private static PartnerOutputs outputs() {
        return PartnerOutputs.read(HOME, buyer, lab.folder("incoming"), DROPPED);
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
}
