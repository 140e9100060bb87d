package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.cli.CorridorCli;
import org.corridor.dossier.DossierService;
import org.corridor.support.H2Database;
import org.corridor.support.SampleDossier;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The US broker's data set as a gateway format: an agreement that sends the shipment dossier to the broker as
 * {@code US_BROKER_DATA_SET} has the running gateway deliver, once the copper shipment is complete, exactly the bytes
 * {@code corridor us-broker} prints for the same five files (and the golden file beside them).
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsBrokerGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path HOME =
            Path.of("target", "test-homes", "us-broker-" + UUID.randomUUID()).toAbsolutePath();
    private static final Path CU = Path.of("sample-docs", "dossiers", "CU-2025-0147");
    private static final Path EXPECTED = CU.resolve("expected-us-broker-data-set.json");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        // the sample agreement, its complete dossiers also to the broker as its data set (the home's copy wins)
        String sample = Files.readString(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));
        String toBuyer = "  - { kind: SHIPMENT_DOSSIER, partner: USSMUS, format: CANONICAL_JSON }\n";
        assertThat(sample).contains(toBuyer);
        Files.createDirectories(HOME.resolve("agreements"));
        Files.writeString(
                HOME.resolve("agreements/PK-US-CM-2025.yaml"),
                sample.replace(
                        toBuyer,
                        toBuyer + "  - { kind: SHIPMENT_DOSSIER, partner: USBROKER, format: us_broker_data_set }\n"));
    }

    @Test
    void theGatewaysH2AnswersNoRepeatedQueryFromAnEarlierResult() throws Exception {
        // the five files dropped at once once split this shipment into two dossiers: the invoice's attach asked
        // twice which dossier holds its number, and H2 answered the second time from the first (H2 #3894)
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            assertThat(H2Database.reusesResults(connection)).isFalse();
        }
    }

    @Test
    void aCompleteShipmentReachesTheBrokerAsTheDataSetTheCommandLinePrints() throws IOException {
        List<Path> files = SampleDossier.files(CU);
        assertThat(files).hasSize(5);
        for (Path file : files) {
            Files.copy(file, HOME.resolve("inbox/any").resolve(file.getFileName()));
        }

        String dossierId = DossierService.documentId("CU-2025-0147");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.deliveries(dossierId))
                        .extracting(d -> d.get("partner_id") + " " + d.get("doc_format") + " " + d.get("status"))
                        .containsExactlyInAnyOrder(
                                "USSMUS CANONICAL_JSON DELIVERED", "USBROKER US_BROKER_DATA_SET DELIVERED"));
        byte[] delivered = Files.readAllBytes(HOME.resolve("outbox/USBROKER").resolve(dossierId + ".json"));

        List<String> args = new ArrayList<>(List.of("us-broker"));
        files.forEach(f -> args.add(f.toString()));
        args.addAll(List.of("--agreements", "sample-docs/agreements"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CorridorCli(new PrintStream(out, true), new PrintStream(err, true))
                .run(args.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(delivered).isEqualTo(out.toByteArray()).isEqualTo(Files.readAllBytes(EXPECTED));
    }
}
