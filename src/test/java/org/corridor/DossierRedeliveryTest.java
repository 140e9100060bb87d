package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.base.Headers;
import org.corridor.dossier.DossierService;
import org.corridor.rules.AllowanceLedger;
import org.corridor.support.SampleDossier;
import org.corridor.support.TrackedFiles;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every document of a shipment is processed twice: the first run of each ends after its quota count, its dossier
 * filing and its tracking records are committed but before anything is handed to a partner's queue, the way a
 * process killed at that line leaves it (the broker gives the message back). The second run must count nothing
 * twice, file nothing twice, and complete and deliver the dossier once.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DossierRedeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path HOME = Path.of("target", "test-homes", "dossier-redelivery-" + UUID.randomUUID())
            .toAbsolutePath();

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    AllowanceLedger ledger;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
    }

    @Test
    void aShipmentWhoseEveryDocumentIsProcessedTwiceIsCountedFiledAndDeliveredOnce() throws Exception {
        Set<String> interrupted = ConcurrentHashMap.newKeySet();
        AdviceWith.adviceWith(
                camel,
                "process-document",
                route -> route.weaveById("process-split").before().process(exchange -> {
                    if (interrupted.add(exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class))) {
                        exchange.setRollbackOnly(true);
                    }
                }));
        List<Path> files = SampleDossier.files(Path.of("sample-docs", "dossiers", "CU-2025-0147"));
        for (Path file : files) {
            Files.copy(file, HOME.resolve("inbox/any").resolve(file.getFileName()));
        }
        List<String> ids = files.stream()
                .map(f -> documentIdOf(f.getFileName().toString()))
                .toList();
        for (String id : ids) {
            await().atMost(TIMEOUT)
                    .untilAsserted(() ->
                            assertThat(tracking.document(id).orElseThrow()).containsEntry("status", "DELIVERED"));
        }
        assertThat(interrupted).containsAll(ids);

        // each document was processed twice, as its events show, and filed once
        assertThat(ids)
                .allSatisfy(id -> assertThat(tracking.events(id))
                        .filteredOn(e -> "DOSSIER".equals(e.get("stage")))
                        .hasSize(2));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier_documents", Integer.class))
                .isEqualTo(5);
        // counted once
        assertThat(ledger.used("PK-US-CM-2025", AllowanceLedger.Kind.QUOTA, "CU-2025"))
                .isEqualByComparingTo(new BigDecimal("21.283"));
        // completed once, delivered once
        List<String> dossiers =
                jdbc.queryForList("SELECT document_id FROM documents WHERE kind = 'SHIPMENT_DOSSIER'", String.class);
        assertThat(dossiers).hasSize(1);
        String dossier = dossiers.get(0);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.deliveries(dossier))
                        .extracting(d -> d.get("partner_id") + "=" + d.get("status"))
                        .containsExactly("USSMUS=DELIVERED"));
        try (Stream<Path> outbox = Files.list(HOME.resolve("outbox/USSMUS"))) {
            assertThat(outbox.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("DOSSIER-")))
                    .containsExactly(dossier + ".json");
        }
        assertThat(dossier).isEqualTo(DossierService.documentId((String)
                tracking.document(ids.get(0)).orElseThrow().get("shipment_ref")));
        // and every document reached its partners once
        for (String id : ids) {
            assertThat(tracking.deliveries(id)).extracting(d -> d.get("status")).containsOnly("DELIVERED");
        }
    }

    private String documentIdOf(String fileName) {
        return TrackedFiles.awaitDocumentId(jdbc, fileName, TIMEOUT);
    }
}
