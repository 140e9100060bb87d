package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.base.Hashing;
import org.corridor.parse.DocumentReader;
import org.corridor.support.SftpPartnerServer;
import org.corridor.support.TrackedFiles;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A partner's files taken from its own SFTP server (Apache MINA, in-process) by the real intake route: each file is
 * downloaded into the gateway's work folder and streamed to the archive, never held whole in memory, then removed from
 * the server. A lab certificate becomes a delivered document; a file larger than a format read whole takes is
 * archived byte for byte and refused with its size.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SftpIntakeGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString();
    private static final Path HOME =
            Path.of("target", "test-homes", "sftp-intake-" + RUN).toAbsolutePath();
    private static final SftpPartnerServer LAB =
            new SftpPartnerServer(HOME.resolveSibling("sftp-intake-" + RUN + "-server"), "corridor", "pw-" + RUN);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(HOME.resolve("partners"));
        Files.createDirectories(LAB.folder("outgoing"));
        Files.writeString(HOME.resolve("partners").resolve("KHILAB.yaml"), """
                id: KHILAB
                name: Karachi Minerals Testing Laboratory
                roles: [LABORATORY]
                interchangeIds: [{ qualifier: ZZ, id: KHILAB }]
                inbound:
                  sftp: { url: "sftp://127.0.0.1:%d", directory: outgoing, username: corridor,
                          passwordProperty: TEST_KHILAB_SFTP_PASSWORD, strictHostKeyChecking: "no",
                          after: delete, pollDelay: PT0.2S }
                """.formatted(LAB.port()));
        registry.add("TEST_KHILAB_SFTP_PASSWORD", () -> "pw-" + RUN);
        registry.add("corridor.home", HOME::toString);
    }

    @AfterAll
    static void stopServer() {
        LAB.close();
    }

    @Test
    void aCertificateOnThePartnersServerIsTakenStreamedArchivedAndDelivered() throws IOException {
        Path sample = Path.of("sample-docs", "assay", "KHILAB-CU-2025-0147.csv");
        Files.copy(sample, LAB.folder("outgoing").resolve("KHILAB-CU-2025-0147.csv"));

        String id = documentIdOf("KHILAB-CU-2025-0147.csv");
        Map<String, Object> row = awaitEnded(id);

        assertThat(row).containsEntry("status", "DELIVERED").containsEntry("intake", "sftp:KHILAB");
        assertThat(row.get("sha256")).isEqualTo(Hashing.sha256Hex(Files.readAllBytes(sample)));
        // downloaded into the gateway's work folder, from where it was streamed to the archive
        assertThat(HOME.resolve("work/sftp-intake/KHILAB")).isDirectory();
        await().atMost(TIMEOUT).until(() -> !Files.exists(LAB.folder("outgoing").resolve("KHILAB-CU-2025-0147.csv")));
    }

    @Test
    void aFileLargerThanAFormatReadWholeTakesIsArchivedWholeAndRefusedWithItsSize() throws IOException {
        // a lab certificate's header, then zeros up to 1 MB past the largest file a CSV is read whole at
        Path big = LAB.folder("outgoing").resolve("KHILAB-BIG.csv.tmp");
        String header = Files.readAllLines(Path.of("sample-docs", "assay", "KHILAB-CU-2025-0147.csv"))
                        .get(0)
                + "\n";
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.write(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            raf.setLength(DocumentReader.MAX_WHOLE_BYTES + 1024 * 1024);
        }
        // uploaded under a temporary name, then renamed, as partners do
        Files.move(big, big.resolveSibling("KHILAB-BIG.csv"));

        String id = documentIdOf("KHILAB-BIG.csv");
        Map<String, Object> row = awaitEnded(id);

        assertThat(row).containsEntry("status", "REJECTED").containsEntry("reason_code", "FILE_TOO_LARGE");
        assertThat((String) row.get("reason")).contains((DocumentReader.MAX_WHOLE_BYTES + 1024 * 1024) + " bytes");
        assertThat(((Number) row.get("size_bytes")).longValue())
                .isEqualTo(DocumentReader.MAX_WHOLE_BYTES + 1024 * 1024);
    }

    private String documentIdOf(String fileName) {
        return TrackedFiles.awaitDocumentId(jdbc, fileName, TIMEOUT);
    }

    private Map<String, Object> awaitEnded(String documentId) {
        return await().atMost(TIMEOUT)
                .until(
                        () -> tracking.document(documentId).orElse(Map.of()),
                        d -> java.util.Set.of("DELIVERED", "REJECTED", "FAILED")
                                .contains(String.valueOf(d.get("status"))));
    }
}
