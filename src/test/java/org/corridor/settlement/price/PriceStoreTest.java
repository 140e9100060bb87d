package org.corridor.settlement.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.corridor.support.TestH2;
import org.corridor.support.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The price store on a real H2 (and once on PostgreSQL): a file stored whole or not at all, the same price again
 * accepted, a different one refused, the QP average to the exact figure, and the event only after a commit.
 */
class PriceStoreTest {

    private static final Path NOVEMBER = Path.of("sample-docs/prices/LME-CU-2025-11.csv");

    private final List<Object> events = new ArrayList<>();
    private DataSource h2;

    @BeforeEach
    void database() {
        h2 = TestH2.migrated("jdbc:h2:mem:prices-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private PriceStore store(DataSource ds) {
        return new PriceStore(
                new JdbcTemplate(ds),
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                Clock.systemUTC(),
                events::add);
    }

    private static PriceFile november() throws IOException {
        return PriceFileReader.read(NOVEMBER.getFileName().toString(), Files.readAllBytes(NOVEMBER));
    }

    private static PriceFile file(String name, String csv) {
        return PriceFileReader.read(name, csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storesEveryRowOnceAndAcceptsTheSameFileAgainWithoutChange() throws IOException {
        PriceStore store = store(h2);

        assertThat(store.store(november(), "sha-1")).isEqualTo(28);
        assertThat(store.store(november(), "sha-2")).isZero();

        assertThat(new JdbcTemplate(h2).queryForObject("SELECT count(*) FROM prices", Integer.class))
                .isEqualTo(28);
        assertThat(events)
                .containsExactly(
                        new PricesStored(List.of("CU", "NDPR_OXIDE", "SB")),
                        new PricesStored(List.of("CU", "NDPR_OXIDE", "SB")));
    }

    @Test
    void acceptsARestatementWrittenWithOtherDecimals() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");

        int added = store.store(
                file("restated.csv", "date,metal,price,unit,source\n2025-11-03,CU,9512.5000,USD_PER_T,LME\n"), "sha-2");

        assertThat(added).isZero();
    }

    @Test
    void refusesAWholeFileThatRestatesAStoredPriceWithAnotherValue() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");
        events.clear();
        PriceFile later = file(
                "later.csv",
                "date,metal,price,unit,source\n"
                        + "2025-12-01,CU,9700.00,USD_PER_T,LME\n"
                        + "2025-11-04,CU,9499.00,USD_PER_T,LME\n");

        assertThatThrownBy(() -> store.store(later, "sha-2")).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.PRICE_CONFLICT);
            assertThat(e.problem().location()).isEqualTo(Location.at(3, 3, "price"));
            assertThat(e.problem().message())
                    .startsWith("the LME price of CU in USD_PER_T on 2025-11-04 is already stored as 9498;"
                            + " this file says 9499.");
        });

        // nothing of the file is kept, not even its good first row, and nobody is told of prices that are not there
        assertThat(store.latestOnOrBefore("CU", "USD_PER_T", "LME", LocalDate.of(2025, 12, 31)))
                .map(PricePoint::date)
                .contains(LocalDate.of(2025, 11, 28));
        assertThat(events).isEmpty();
    }

    @Test
    void averagesTheMonthsPricesToFourDecimals() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");

        QpAverage month = store.average("CU", "USD_PER_T", "LME", LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30))
                .orElseThrow();

        // 20 LME settlement days, sum 190,728.75
        assertThat(month.average()).isEqualByComparingTo("9536.4375");
        assertThat(month.count()).isEqualTo(20);
        assertThat(month.first()).isEqualTo(LocalDate.of(2025, 11, 3));
        assertThat(month.last()).isEqualTo(LocalDate.of(2025, 11, 28));
        assertThat(month.points())
                .hasSize(20)
                .first()
                .extracting(PricePoint::price)
                .isEqualTo(new BigDecimal("9512.50"));
    }

    @Test
    void roundsAnAverageHalfUpAndCountsBothEndsOfTheRange() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");

        QpAverage week = store.average("CU", "USD_PER_T", "LME", LocalDate.of(2025, 11, 7), LocalDate.of(2025, 11, 14))
                .orElseThrow();

        // (9433.00 + 9561.50 + 9602.00 + 9588.25 + 9540.00 + 9517.75) / 6 = 9540.41666…
        assertThat(week.average()).isEqualTo(new BigDecimal("9540.4167"));
        assertThat(week.count()).isEqualTo(6);
    }

    @Test
    void hasNoAverageForARangeWithoutPrices() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");

        assertThat(store.average("CU", "USD_PER_T", "LME", LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)))
                .isEmpty();
        assertThat(store.average("CU", "USD_PER_LB", "LME", LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30)))
                .isEmpty();
    }

    @Test
    void findsTheLatestPriceOnOrBeforeADay() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");

        // a Saturday: Friday's price
        assertThat(store.latestOnOrBefore("CU", "USD_PER_T", "LME", LocalDate.of(2025, 11, 8)))
                .contains(
                        new PricePoint(LocalDate.of(2025, 11, 7), "CU", "USD_PER_T", "LME", new BigDecimal("9433.00")));
        assertThat(store.latestOnOrBefore("CU", "USD_PER_T", "LME", LocalDate.of(2025, 11, 2)))
                .isEmpty();
    }

    @Test
    void listsAMetalsNewestPricesFirst() throws IOException {
        PriceStore store = store(h2);
        store.store(november(), "sha-1");

        assertThat(store.list("NDPR_OXIDE", 2))
                .extracting(PricePoint::date, PricePoint::price)
                .containsExactly(
                        tuple(LocalDate.of(2025, 11, 26), new BigDecimal("79.80")),
                        tuple(LocalDate.of(2025, 11, 19), new BigDecimal("80.25")));
    }

    @Test
    void keepsPricesAndAveragesThemOnPostgresql() throws IOException {
        DataSource pg = TestPostgres.migrated();
        PriceStore store = store(pg);
        // the shared server outlives this test: a source of its own keeps it apart from any other run's rows
        String source = "PG" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String csv = Files.readString(NOVEMBER).replace(",LME\n", "," + source + "\n");

        assertThat(store.store(file("pg.csv", csv), "sha-1")).isEqualTo(28);
        assertThat(store.store(file("pg.csv", csv), "sha-1")).isZero();
        assertThatThrownBy(() -> store.store(
                        file("pg.csv", "date,metal,price,unit,source\n2025-11-04,CU,1.00,USD_PER_T," + source + "\n"),
                        "sha-2"))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.PRICE_CONFLICT));
        assertThat(store.average("CU", "USD_PER_T", source, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30))
                        .map(QpAverage::average))
                .contains(new BigDecimal("9536.4375"));
        assertThat(store.latestOnOrBefore("CU", "USD_PER_T", source, LocalDate.of(2025, 11, 8)))
                .map(PricePoint::price)
                .contains(new BigDecimal("9433.00"));
    }
}
