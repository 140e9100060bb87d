package org.corridor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.support.SamplePipeline;
import org.corridor.support.TestH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The race that once split a shipment into two dossiers, run many times: the copper shipment's packing list, B/L and
 * assay are filed, then its declaration (which names the invoice) and its invoice are attached at the same moment, the
 * invoice up to 20 ms later, in an H2 file database with the gateway's options. Each round must end with one dossier.
 *
 * <p>A campaign, not part of {@code mvn verify} (the race is narrow: 7 of 2,000 rounds split with H2's result reuse
 * on, so catching it takes minutes): {@code bench/dossier-race.sh ROUNDS [H2_OPTIONS]}. What keeps it fixed in verify
 * is the setting's own check ({@code TrackingStoreRecoveryTest}, {@code UsBrokerGatewayTest}).
 */
@EnabledIfSystemProperty(named = "dossier.race.rounds", matches = "[1-9][0-9]*")
class DossierAttachRaceTest {

    /** The gateway's H2 options (application.yaml), unless the campaign names others. */
    private static final String OPTIONS = System.getProperty(
            "dossier.race.h2-options",
            ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=16384;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0");

    @Test
    void aDeclarationAndItsInvoiceAttachedTogetherEndInOneDossier() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        SampleDossiersTest.pipelineFor(SamplePipeline.create(camel));
        List<CanonicalDocument> cu = SampleDossiersTest.parse(Path.of("sample-docs", "dossiers", "CU-2025-0147"));
        camel.stop();
        Agreement agreement = SampleDossiersTest.agreement();
        JdbcDataSource h2 = TestH2.migrated("jdbc:h2:file:"
                + Path.of("target", "dossier-race", UUID.randomUUID().toString(), "corridor")
                        .toAbsolutePath() + OPTIONS);
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        DossierService service = new DossierService(
                jdbc, new TransactionTemplate(new DataSourceTransactionManager(h2)), Clock.systemUTC());
        CanonicalDocument declaration = DossierServiceTest.of(cu, DocumentKind.CUSTOMS_DECLARATION);
        CanonicalDocument invoice = DossierServiceTest.of(cu, DocumentKind.INVOICE);
        List<CanonicalDocument> first =
                cu.stream().filter(d -> d != declaration && d != invoice).toList();

        int rounds = Integer.getInteger("dossier.race.rounds");
        List<String> split = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                DossierServiceTest.emptyDossiers(jdbc);
                for (CanonicalDocument d : first) {
                    service.attach(d, agreement);
                }
                long lag = TimeUnit.MICROSECONDS.toNanos(new Random(round).nextInt(20_000));
                CountDownLatch start = new CountDownLatch(1);
                Future<DossierOutcome> declared = pool.submit(() -> {
                    start.await();
                    return service.attach(declaration, agreement);
                });
                Future<DossierOutcome> invoiced = pool.submit(() -> {
                    start.await();
                    // a busy wait, not a sleep: the lag is microseconds to milliseconds
                    for (long until = System.nanoTime() + lag; System.nanoTime() < until; ) {
                        Thread.onSpinWait();
                    }
                    return service.attach(invoice, agreement);
                });
                start.countDown();
                declared.get(60, TimeUnit.SECONDS);
                invoiced.get(60, TimeUnit.SECONDS);
                List<Map<String, Object>> dossiers = jdbc.queryForList("SELECT shipment_ref FROM dossiers");
                if (dossiers.size() != 1) {
                    split.add("round " + round + ": " + dossiers);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Path result = Path.of("target", "dossier-race.txt");
        Files.writeString(
                result,
                split.size() + " of " + rounds + " rounds split the shipment (H2 options " + OPTIONS + ")\n"
                        + String.join("\n", split) + "\n",
                StandardCharsets.UTF_8);
        assertThat(split).as("rounds that split the shipment into two dossiers").isEmpty();
    }
}
