package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.corridor.base.Headers;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.TrackedFiles;
import org.corridor.track.ReceivedFile;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Files and names a hostile or careless sender produces, dropped into the running gateway: each leaves the inbox
 * within seconds, processed or refused with a reason, under a name safe for disk, logs and notes; links and pipes are
 * never read; nothing ends on the broker's own DLQ.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoisonFilesTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CU = "KHILAB-CU-2025-0147";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    JmsTemplate jms;

    @Autowired
    TestRestTemplate http;

    @Autowired
    CamelContext camelContext;

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void everyFileWithAPoisonNameLeavesTheInboxProcessedOrRefusedWithAReason(CapturedOutput output) throws Exception {
        Path inbox = HOME.resolve("inbox/shipping");
        byte[] bad = Files.readAllBytes(Path.of("sample-docs/assay/BAD_letter_in_value.csv"));
        String backslashes = "POISON\\dir\\c.csv";
        String dots = "...";
        String dash = "-POISON-dash.csv";
        String longName = "L".repeat(240) + ".csv"; // 244 bytes: fits the inbox, not the archive under an id
        String newline = "POISON-new\nline.csv";
        String escape = "POISON-esc\u001b[2J.csv";
        Files.write(inbox.resolve(backslashes), sample(CU + ".csv", CU, "POISON-BACKSLASH"));
        Files.write(inbox.resolve(dots), sample(CU + ".csv", CU, "POISON-DOTS"));
        Files.write(inbox.resolve(dash), bad);
        Files.write(inbox.resolve(longName), bad);
        Files.write(inbox.resolve(newline), bad);
        Files.write(inbox.resolve(escape), bad);

        awaitEmpty(inbox);

        // names the file consumer cannot take as they are: renamed, processed, the name as received kept
        String backslashId = awaitStatus(backslashes, "DELIVERED");
        assertThat(Path.of((String) tracking.document(backslashId).orElseThrow().get("archive_path"))
                        .getFileName())
                .hasToString(backslashId + "__POISON_dir_c.csv");
        String dotsId = awaitStatus(dots, "DELIVERED");
        assertThat(Path.of((String) tracking.document(dotsId).orElseThrow().get("archive_path"))
                        .getFileName())
                .hasToString(dotsId + "__unnamed");

        // names it can take, refused for their content, in error/ under a safe name with the reason
        String dashId = awaitStatus(dash, "REJECTED");
        assertThat(note("_POISON-dash.csv"))
                .contains("File:      -POISON-dash.csv")
                .contains("Saved as:  _POISON-dash.csv")
                .contains("CSV_NUMBER")
                .contains(dashId);
        assertThat(HOME.resolve("error/_POISON-dash.csv")).hasBinaryContent(bad);

        String longId = awaitStatus(longName, "REJECTED");
        Path longCopy = onlyErrorCopy("LLLL");
        assertThat(longCopy.getFileName().toString())
                .endsWith(".csv")
                .satisfies(n ->
                        assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200));
        assertThat(longCopy).hasBinaryContent(bad);
        assertThat(Files.readString(longCopy.resolveSibling(longCopy.getFileName() + ".error.txt")))
                .contains("File:      " + longName)
                .contains("CSV_NUMBER")
                .contains(longId);
        Path longArchived =
                Path.of((String) tracking.document(longId).orElseThrow().get("archive_path"));
        assertThat(longArchived.resolveSibling(longArchived.getFileName() + ".sha256"))
                .exists();

        String newlineId = awaitStatus(newline, "REJECTED");
        assertThat(note("POISON-new_line.csv"))
                .contains("File:      POISON-new\\nline.csv")
                .contains("Saved as:  POISON-new_line.csv")
                .contains("Code:      CSV_NUMBER")
                .contains("Where:     line 5, column 7 (field \"value\")")
                .contains(newlineId);
        String escapeId = awaitStatus(escape, "REJECTED");
        assertThat(note("POISON-esc_[2J.csv"))
                .contains("File:      POISON-esc\\u001B[2J.csv")
                .contains(escapeId)
                .doesNotContain("\u001b");

        // log lines name them escaped: a name cannot split a line or reach the terminal raw
        assertThat(output.getAll())
                .contains("POISON-new\\nline.csv")
                .doesNotContain("POISON-new\nline")
                .contains("POISON-esc\\u001B[2J.csv")
                .doesNotContain("POISON-esc\u001b")
                .doesNotContain("Cannot acquire read lock");
        assertNoIntakeInFlight();
    }

    @Test
    void takesAFileWhoseNameIsNotUtf8UnderASafeName() throws Exception {
        Path inbox = HOME.resolve("inbox/shipping");
        Path source = HOME.resolve("POISON-LATIN1.csv");
        Files.write(source, sample(CU + ".csv", CU, "POISON-LATIN1"));
        // Java cannot write a name that is not UTF-8, a shell can: bytes 0xFF 0xFE
        int exit = new ProcessBuilder(
                        "sh",
                        "-c",
                        "cp \"$0\" \"$1/$(printf 'POISON-latin\\377\\376.csv')\"",
                        source.toString(),
                        inbox.toString())
                .inheritIO()
                .start()
                .waitFor();
        assumeThat(exit).as("a shell that can write any bytes in a name").isZero();

        awaitEmpty(inbox);

        String documentId = awaitStatus("POISON-latin\uFFFD\uFFFD.csv", "DELIVERED");
        assertThat(Path.of((String) tracking.document(documentId).orElseThrow().get("archive_path"))
                        .getFileName())
                .hasToString(documentId + "__POISON-latin__.csv");
        assertNoIntakeInFlight();
    }

    @Test
    void refusesLinksAndPipesUnreadAndLeavesWhatTheyPointToUntouched() throws Exception {
        Path inbox = HOME.resolve("inbox/customs");
        Path elsewhere = Files.createDirectories(HOME.resolve("elsewhere"));
        byte[] certificate = sample(CU + ".csv", CU, "POISON-LINKED");
        Path linkedCsv = Files.write(elsewhere.resolve("POISON-LINKED.csv"), certificate);
        Files.createSymbolicLink(inbox.resolve("POISON-passwd.csv"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(inbox.resolve("POISON-linked.csv"), linkedCsv);
        Files.createSymbolicLink(inbox.resolve("POISON-folder"), elsewhere);
        Path fifo = inbox.resolve("POISON-fifo.csv");
        boolean pipe = new ProcessBuilder("mkfifo", fifo.toString())
                        .inheritIO()
                        .start()
                        .waitFor()
                == 0;

        awaitEmpty(inbox);

        for (String name : pipe
                ? List.of("POISON-passwd.csv", "POISON-linked.csv", "POISON-folder", "POISON-fifo.csv")
                : List.of("POISON-passwd.csv", "POISON-linked.csv", "POISON-folder")) {
            String documentId = awaitStatus(name, "REJECTED");
            Map<String, Object> row = tracking.document(documentId).orElseThrow();
            assertThat(row)
                    .containsEntry("reason_code", "NOT_A_REGULAR_FILE")
                    .containsEntry("intake", "folder:customs")
                    .containsEntry("archive_path", "");
            assertThat(note(name))
                    .contains("File:      " + name)
                    .contains("Code:      NOT_A_REGULAR_FILE")
                    .contains("Nothing of it was read or archived")
                    .contains(documentId);
            assertThat(HOME.resolve("error").resolve(name)).doesNotExist();
            assertThat(tracking.deliveries(documentId)).isEmpty();
        }
        assertThat(note("POISON-passwd.csv"))
                .contains("This is a symbolic link to /etc/passwd, not a regular file")
                .doesNotContain("root:");
        assertThat(note("POISON-linked.csv")).contains("a symbolic link to " + linkedCsv);
        if (pipe) {
            assertThat(note("POISON-fifo.csv")).contains("This is a named pipe (FIFO)");
        }

        // what the links point to is where it was, unchanged, and nothing of it was archived or delivered
        assertThat(linkedCsv).hasBinaryContent(certificate);
        assertThat(Path.of("/etc/passwd")).exists();
        assertThat(elsewhere).isDirectory();
        byte[] passwd = Files.readAllBytes(Path.of("/etc/passwd"));
        try (Stream<Path> archived = Files.walk(HOME.resolve("archive"))) {
            assertThat(archived.filter(Files::isRegularFile).map(PoisonFilesTest::bytes))
                    .noneMatch(b -> java.util.Arrays.equals(b, passwd) || java.util.Arrays.equals(b, certificate));
        }
        assertThat(PARTNER.receivedContaining("POISON-LINKED")).isEmpty();
        assertNoIntakeInFlight();
    }

    @Test
    void notesAndErrorCopiesHaveTheModeOfEveryOtherFileTheGatewayWrites() throws Exception {
        Files.write(
                HOME.resolve("inbox/assay/POISON-MODE.csv"),
                Files.readAllBytes(Path.of("sample-docs/assay/BAD_letter_in_value.csv")));
        String documentId = awaitStatus("POISON-MODE.csv", "REJECTED");
        // a file written the ordinary way, by the same process: the mode its umask gives
        Path ordinary = Files.writeString(HOME.resolve("ordinary-" + documentId), "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
        Path archived =
                Path.of((String) tracking.document(documentId).orElseThrow().get("archive_path"));

        assertThat(Files.getPosixFilePermissions(HOME.resolve("error/POISON-MODE.csv.error.txt")))
                .isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(HOME.resolve("error/POISON-MODE.csv")))
                .isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(archived)).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(archived.resolveSibling(archived.getFileName() + ".sha256")))
                .isEqualTo(expected);
        try (Stream<Path> left = Files.list(HOME.resolve("error"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".incoming-"));
        }
    }

    @Test
    void namesAnUploadSafelyOrRefusesItWithAClearReason() {
        byte[] bad = sample("BAD_letter_in_value.csv", "x", "x");
        for (String name : List.of(".", "..", "/", "../..")) {
            ResponseEntity<Map> refused = upload("/api/inbound?filename={name}", null, name, bad);
            assertThat(refused.getStatusCode().value()).as(name).isEqualTo(400);
            assertThat((String) refused.getBody().get("error")).contains("only dots, spaces or path separators");
        }
        ResponseEntity<Map> dotsInHeader = upload("/api/inbound", "..", null, bad);
        assertThat(dotsInHeader.getStatusCode().value()).isEqualTo(400);

        String longName = "H".repeat(300) + ".csv";
        ResponseEntity<Map> longOne =
                upload("/api/inbound?filename={name}", null, longName, sample(CU + ".csv", CU, "POISON-HTTP-LONG"));
        assertThat(longOne.getStatusCode().value()).isEqualTo(202);
        String longId = (String) longOne.getBody().get("documentId");
        awaitDocumentStatus(longId, "DELIVERED");
        Map<String, Object> longRow = tracking.document(longId).orElseThrow();
        assertThat((String) longRow.get("file_name"))
                .startsWith("HHHH")
                .contains("…")
                .endsWith(".csv")
                .hasSize(255);
        assertThat(Path.of((String) longRow.get("archive_path")).getFileName().toString())
                .endsWith(".csv")
                .satisfies(n -> assertThat(n.length()).isLessThanOrEqualTo(225));

        ResponseEntity<Map> newline = upload("/api/inbound?filename={name}", null, "POISON-HTTP\nline.csv", bad);
        assertThat(newline.getStatusCode().value()).isEqualTo(202);
        String newlineId = (String) newline.getBody().get("documentId");
        awaitDocumentStatus(newlineId, "REJECTED");
        assertThat(tracking.document(newlineId).orElseThrow()).containsEntry("file_name", "POISON-HTTP\nline.csv");
        assertThat(note("POISON-HTTP_line.csv"))
                .contains("File:      POISON-HTTP\\nline.csv")
                .contains(newlineId);

        // NUL, which PostgreSQL cannot store and a file system path cannot hold
        ResponseEntity<Map> nul = upload("/api/inbound?filename={name}", null, "POISON-nul\u0000.csv", bad);
        assertThat(nul.getStatusCode().value()).isEqualTo(202);
        String nulId = (String) nul.getBody().get("documentId");
        awaitDocumentStatus(nulId, "REJECTED");
        assertThat(tracking.document(nulId).orElseThrow()).containsEntry("file_name", "POISON-nul\uFFFD.csv");
        assertThat(HOME.resolve("error/POISON-nul_.csv.error.txt")).exists();

        // a UTF-8 name in the header is read as UTF-8, not as ISO-8859-1 mojibake
        ResponseEntity<Map> utf8 = upload(
                "/api/inbound",
                new String("POISON-Zürich.csv".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                null,
                bad);
        assertThat(utf8.getBody()).containsEntry("fileName", "POISON-Zürich.csv");
        awaitDocumentStatus((String) utf8.getBody().get("documentId"), "REJECTED");
        assertThat(HOME.resolve("error/POISON-Zürich.csv.error.txt")).exists();

        assertThat(brokerDlq()).isEmpty();
    }

    @Test
    void queuedDocumentWithAPathForANameStaysInItsFolders() {
        byte[] bad = sample("BAD_letter_in_value.csv", "x", "x");
        jms.send("corridor.inbound", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(bad);
            message.setStringProperty(Headers.FILE_NAME, "../../POISON-JMS\n.csv");
            return message;
        });

        String documentId = awaitStatus("../../POISON-JMS\n.csv", "REJECTED");

        Path archived =
                Path.of((String) tracking.document(documentId).orElseThrow().get("archive_path"));
        assertThat(archived.normalize()).startsWith(HOME.resolve("archive"));
        assertThat(archived.getFileName()).hasToString(documentId + "___._.._POISON-JMS_.csv");
        assertThat(note("_._.._POISON-JMS_.csv")).contains("File:      ../../POISON-JMS\\n.csv");
    }

    @Test
    void documentWhoseFaultHandlingFailsEndsFailedOnTheDeadLetterQueueNotTheBrokersDlq() {
        // the archived original is gone (removed by hand, a disk replaced): reading fails, and so did copying it to
        // error/, which rolled the message back onto the broker until it went to DLQ, still RECEIVED, without a reason
        String documentId = "D-20261204-00000000dead";
        String archivePath =
                HOME.resolve("archive/gone/" + documentId + "__POISON-GONE.csv").toString();
        tracking.received(new ReceivedFile(
                documentId, "POISON-GONE.csv", "folder:any", "0".repeat(64), 10, archivePath, Instant.now()));
        jms.send("corridor.process", session -> {
            TextMessage message = session.createTextMessage(documentId);
            for (Map.Entry<String, String> h : Headers.forProcessing(
                            documentId, "POISON-GONE.csv", archivePath, "0".repeat(64), "folder:any")
                    .entrySet()) {
                message.setStringProperty(h.getKey(), h.getValue());
            }
            return message;
        });

        awaitDocumentStatus(documentId, "FAILED");

        assertThat((String) tracking.document(documentId).orElseThrow().get("reason"))
                .contains("cannot be read");
        await().atMost(TIMEOUT).until(() -> deadLetters().contains(documentId));
        assertThat(note("POISON-GONE.csv")).contains("Status:    FAILED").contains("cannot be found");
        assertThat(brokerDlq()).isEmpty();
    }

    @Test
    void messagesTheBrokerGivesUpOnGoToTheDeadLetterQueueOperatorsWatch() {
        var settings = broker.getActiveMQServer().getAddressSettingsRepository();

        for (String queue : List.of("corridor.inbound", "corridor.process", "corridor.deliver.USSMUS")) {
            assertThat(settings.getMatch(queue).getDeadLetterAddress().toString())
                    .as(queue)
                    .isEqualTo("corridor.dead");
            // the broker's own retries stay as they were
            assertThat(settings.getMatch(queue).getMaxDeliveryAttempts())
                    .as(queue)
                    .isEqualTo(10);
        }
        assertThat(settings.getMatch("corridor.dead").getDeadLetterAddress().toString())
                .isEqualTo("DLQ");
    }

    private ResponseEntity<Map> upload(String uri, String headerName, String parameterName, byte[] content) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(KHILAB_TOKEN);
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        if (headerName != null) {
            headers.set("X-Corridor-File-Name", headerName);
        }
        HttpEntity<byte[]> request = new HttpEntity<>(content, headers);
        return parameterName == null
                ? http.exchange(uri, HttpMethod.POST, request, Map.class)
                : http.exchange(uri, HttpMethod.POST, request, Map.class, parameterName);
    }

    private static void awaitEmpty(Path inbox) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            try (Stream<Path> left = Files.list(inbox)) {
                assertThat(left).isEmpty();
            }
        });
    }

    /** The intake routes hold nothing: no thread waits on a file, so a shutdown does not wait either. */
    private void assertNoIntakeInFlight() {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(Stream.of(
                                        "intake-assay", "intake-customs", "intake-shipping", "intake-any")
                                .mapToInt(r ->
                                        camelContext.getInflightRepository().size(r))
                                .sum())
                        .isZero());
    }

    /** Waits for the newest file received under this name to reach the status; returns its document id. */
    private String awaitStatus(String fileName, String status) {
        String documentId = TrackedFiles.awaitDocumentId(jdbc, fileName, TIMEOUT);
        awaitDocumentStatus(documentId, status);
        return documentId;
    }

    private void awaitDocumentStatus(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", status));
    }

    private static String note(String safeName) {
        Path note = HOME.resolve("error").resolve(safeName + ".error.txt");
        await().atMost(TIMEOUT).until(() -> Files.exists(note));
        try {
            return Files.readString(note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onlyErrorCopy(String prefix) throws IOException {
        try (Stream<Path> copies = Files.list(HOME.resolve("error"))) {
            List<Path> found = copies.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && !p.getFileName().toString().endsWith(".error.txt"))
                    .toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> deadLetters() {
        return jms.browse(
                "corridor.dead",
                (session, browser) -> Collections.list(browser.getEnumeration()).stream()
                        .map(m -> {
                            try {
                                return ((jakarta.jms.Message) m).getStringProperty(Headers.DOCUMENT_ID);
                            } catch (jakarta.jms.JMSException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList());
    }

    /** Artemis's own dead-letter queue, which nobody watches. */
    private List<Object> brokerDlq() {
        return jms.browse("DLQ", (session, browser) -> Collections.list(browser.getEnumeration()));
    }
}
