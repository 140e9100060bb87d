package org.corridor.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.corridor.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Control numbers and the interchange register on both databases Corridor runs on: numbers are per partner pair,
 * never handed out twice (also under concurrent deliveries, also after a restart), and a sender's control reference
 * seen before for another file is a duplicate.
 */
class EdiTrackingTest {

    static List<DataSource> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:edi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return List.of(h2, TestPostgres.migrated());
    }

    private static ControlNumbers numbers(DataSource ds) {
        return new ControlNumbers(new JdbcTemplate(ds), new DataSourceTransactionManager(ds));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void controlNumbersCountPerPairAndSurviveARestart(DataSource ds) {
        String partner = "P" + UUID.randomUUID().toString().substring(0, 8);
        ControlNumbers numbers = numbers(ds);

        assertThat(numbers.next("EDIFACT", "CORRIDOR", partner, ControlNumbers.Level.INTERCHANGE))
                .isEqualTo(1);
        assertThat(numbers.next("EDIFACT", "CORRIDOR", partner, ControlNumbers.Level.INTERCHANGE))
                .isEqualTo(2);
        assertThat(numbers.next("X12", "CORRIDOR", partner, ControlNumbers.Level.INTERCHANGE))
                .isEqualTo(1);
        assertThat(numbers.next("EDIFACT", "CORRIDOR", partner + "B", ControlNumbers.Level.INTERCHANGE))
                .isEqualTo(1);

        // a new instance on the same database is what a restarted gateway has
        assertThat(numbers(ds).next("EDIFACT", "CORRIDOR", partner, ControlNumbers.Level.INTERCHANGE))
                .isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentDeliveriesNeverShareANumber(DataSource ds) throws Exception {
        String partner = "C" + UUID.randomUUID().toString().substring(0, 8);
        ControlNumbers numbers = numbers(ds);
        Set<Long> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        assertThat(taken.add(
                                        numbers.next("X12", "CORRIDOR", partner, ControlNumbers.Level.INTERCHANGE)))
                                .as("a number handed out twice")
                                .isTrue();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(taken).hasSize(150).allMatch(n -> n >= 1 && n <= 150);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aControlReferenceUsedAgainByTheSenderIsADuplicate(DataSource ds) {
        Interchanges register = new Interchanges(new JdbcTemplate(ds), Clock.systemUTC());
        String ref = "R" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(register.received("EDIFACT", "KHILAB", "CORRIDOR", ref, "D-1"))
                .isEmpty();
        assertThat(register.received("EDIFACT", "KHILAB", "CORRIDOR", ref, "D-1"))
                .as("the same file again")
                .isEmpty();
        assertThat(register.received("EDIFACT", "KHILAB", "CORRIDOR", ref, "D-2"))
                .get()
                .satisfies(earlier -> assertThat(earlier.documentId()).isEqualTo("D-1"));
        assertThat(register.received("EDIFACT", "OTHERLAB", "CORRIDOR", ref, "D-3"))
                .as("another sender")
                .isEmpty();
        assertThat(register.received("X12", "KHILAB", "CORRIDOR", ref, "D-4"))
                .as("another standard")
                .isEmpty();

        register.sent("EDIFACT", "CORRIDOR", "USSMUS", ref, "D-9", "USSMUS");
        register.acknowledged("EDIFACT", "USSMUS", ref, "NEGATIVE_ACK", "UCS 5 code 12", "D-10");
        assertThat(register.findSent("EDIFACT", "USSMUS", ref))
                .get()
                .satisfies(sent -> assertThat(sent.ackStatus()).isEqualTo("NEGATIVE_ACK"));
    }
}
