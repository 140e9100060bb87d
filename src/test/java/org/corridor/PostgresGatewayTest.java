package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.settlement.SettlementService;
import org.corridor.support.SampleDossier;
import org.corridor.support.TestPostgres;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole gateway on PostgreSQL, as in production: Flyway, agreements, tracking and delivery on a real server. */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PostgresGatewayTest {

    private static final Path HOME =
            Path.of("target", "test-homes", "pg-" + UUID.randomUUID()).toAbsolutePath();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres server = TestPostgres.server();
        registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
    }

    @Test
    void deliversDroppedCertificateWithTrackingOnPostgres() throws Exception {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        Files.copy(
                Path.of("sample-docs/assay/KHILAB-REO-2025-0161.csv"),
                HOME.resolve("inbox/assay/PG-KHILAB-REO-2025-0161.csv"));

        String documentId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents WHERE file_name = 'PG-KHILAB-REO-2025-0161.csv'",
                                        String.class)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", "DELIVERED"));

        assertThat(tracking.document(documentId).orElseThrow())
                .containsEntry("kind", "ASSAY_CERTIFICATE")
                .containsEntry("agreement_ref", "PK-US-CM-2025");
        assertThat(Files.readString(HOME.resolve("outbox/USSMUS/" + documentId + ".json")))
                .contains("\"commodity\" : \"NDPR_OXIDE\"")
                .contains("\"analyte\" : \"Nd2O3/TREO\"");
        assertThat(tracking.deliveries(documentId))
                .extracting(d -> d.get("status"))
                .containsExactly("DELIVERED", "DELIVERED");
    }

    @Autowired
    SettlementService settlements;

    @Test
    void settlesTheCopperShipmentOnPostgres() throws Exception {
        // the copper shipment and its prices: the provisional invoice decided, committed and issued on PostgreSQL
        for (Path f : SampleDossier.files(SampleDossier.CU)) {
            Files.copy(f, HOME.resolve("inbox/any").resolve(f.getFileName()));
        }
        Files.copy(Path.of("sample-docs/prices/LME-CU-2025-10.csv"), HOME.resolve("inbox/prices/LME-CU-2025-10.csv"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(settlements.states("CU-2025-0147"))
                        .first()
                        .satisfies(s -> {
                            assertThat(s.state()).isEqualTo("ISSUED");
                            assertThat(s.amount()).isEqualByComparingTo(SettlementGatewayTest.PROVISIONAL_AMOUNT);
                        }));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM documents WHERE business_no = 'STL-CU-2025-0147-P' AND status ="
                                        + " 'DELIVERED'",
                                Integer.class))
                        .isEqualTo(1));
    }
}
