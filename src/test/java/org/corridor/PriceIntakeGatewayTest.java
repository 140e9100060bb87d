package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.RawHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prices into the running gateway: a price file dropped into inbox/prices is stored and archived, a bad one goes to
 * error/ with its reason and stores nothing; {@code POST /api/prices} takes prices only from a partner whose file
 * allows their source, and refuses anyone else before reading the body.
 */
class PriceIntakeGatewayTest extends GatewayTestBase {

    private static final String HEADER = "date,metal,price,unit,source\n";

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void aDroppedPriceFileIsStoredArchivedAndRemovedFromTheInbox() throws IOException {
        Path sample = Path.of("sample-docs/prices/LME-CU-2025-11.csv");

        drop("LME-CU-2025-11.csv", Files.readString(sample));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT status FROM documents WHERE file_name = ?", String.class, "LME-CU-2025-11.csv"))
                        .containsExactly("CONSUMED"));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prices WHERE source IN ('LME', 'FASTMARKETS', 'ASIAN_METAL')",
                        Integer.class))
                .isEqualTo(28);
        assertThat(jdbc.queryForObject(
                        "SELECT price FROM prices WHERE metal = 'CU' AND source = 'LME' AND price_date = DATE '2025-11-03'",
                        BigDecimal.class))
                .isEqualByComparingTo("9512.50");
        String archived = jdbc.queryForObject(
                "SELECT archive_path FROM documents WHERE file_name = ?", String.class, "LME-CU-2025-11.csv");
        assertThat(Files.mismatch(Path.of(archived), sample)).isEqualTo(-1L);
        // The file consumer removes the file when the exchange completes, just after the document is marked CONSUMED.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(HOME.resolve("inbox/prices/LME-CU-2025-11.csv"))
                        .doesNotExist());
    }

    @Test
    void aBadPriceFileGoesToTheErrorFolderWithItsReasonAndStoresNothing() throws IOException {
        drop(
                "bad-prices.csv",
                HEADER + "2025-11-03,CU,9512.50,USD_PER_T,DROPTEST\n" + "2025-11-04,CU,95I2.50,USD_PER_T,DROPTEST\n");

        Path reason = HOME.resolve("error/bad-prices.csv.error.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reason));
        assertThat(Files.readString(reason))
                .contains("CSV_NUMBER")
                .contains("line 3, column 3 (field \"price\")")
                .contains("\"95I2.50\" is not a price.");
        assertThat(HOME.resolve("error/bad-prices.csv")).exists();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM prices WHERE source = 'DROPTEST'", Integer.class))
                .isZero();
        // the note is written just before the document is marked REJECTED, in another transaction
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT status FROM documents WHERE file_name = ?", String.class, "bad-prices.csv"))
                        .isEqualTo("REJECTED"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(HOME.resolve("inbox/prices/bad-prices.csv")).doesNotExist());
    }

    @Test
    void anAnonymousPostOfPricesIsRefusedBeforeItsBodyIsRead() throws IOException {
        RawHttpClient.Answer answer = new RawHttpClient(port)
                .post(
                        "/api/prices",
                        Map.of("Content-Type", "text/csv"),
                        "not read ".getBytes(StandardCharsets.US_ASCII),
                        1L << 30,
                        false);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("a partner's bearer token or basic credentials are required");
        assertThat(answer.bodyBytesSent()).as("body bytes sent of 1 GB").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aPartnerWhoseFileAllowsNoPricesIsRefusedBeforeItsBodyIsRead() throws IOException {
        RawHttpClient.Answer answer = new RawHttpClient(port)
                .post(
                        "/api/prices",
                        Map.of("Content-Type", "text/csv", "Authorization", "Bearer " + KHILAB_TOKEN),
                        "not read ".getBytes(StandardCharsets.US_ASCII),
                        1L << 30,
                        false);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body())
                .contains("NOT_AUTHORIZED_SENDER")
                .contains("KHILAB may not send prices: its partner file allows no price source");
        assertThat(answer.bodyBytesSent()).as("body bytes sent of 1 GB").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aPartnerMaySendOnlyPricesOfItsOwnSource() throws Exception {
        HttpResponse<String> answer =
                post(HEADER + "2025-11-03,CU,9400.00,USD_PER_T,USSMUS\n" + "2025-11-03,CU,9512.50,USD_PER_T,LME\n");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body())
                .contains("line 3, column 5 (field \\\"source\\\")")
                .contains("USSMUS may send prices of USSMUS only, not of \\\"LME\\\"");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prices WHERE source = 'USSMUS' AND price_date = DATE '2025-11-03'",
                        Integer.class))
                .isZero();
    }

    @Test
    void aPartnersOwnPricesAreStoredOnceAndAContradictionIsRefused() throws Exception {
        String prices =
                HEADER + "2025-10-01,CU,9300.00,USD_PER_T,USSMUS\n" + "2025-10-02,CU,9310.25,USD_PER_T,USSMUS\n";

        HttpResponse<String> first = post(prices);
        HttpResponse<String> again = post(prices);
        HttpResponse<String> changed = post(HEADER + "2025-10-02,CU,9311.00,USD_PER_T,USSMUS\n");
        HttpResponse<String> bad = post(HEADER + "2025-10-03,CU,9.123456,USD_PER_T,USSMUS\n");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"stored\":2").contains("\"rows\":2");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("\"stored\":0").contains("\"rows\":2");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(400);
        assertThat(changed.body()).contains("PRICE_CONFLICT").contains("\"line\":2");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("CSV_NUMBER").contains("\"field\":\"price\"");
        assertThat(jdbc.queryForList(
                        "SELECT price FROM prices WHERE source = 'USSMUS' ORDER BY price_date", BigDecimal.class))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("9300.00"), new BigDecimal("9310.25"));
    }

    private static void drop(String name, String content) throws IOException {
        Path inbox = HOME.resolve("inbox/prices");
        Path partial = Files.writeString(inbox.resolve(name + ".tmp"), content);
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpResponse<String> post(String csv) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("ussmus:" + USSMUS_TOKEN).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/prices"))
                                .header("Content-Type", "text/csv")
                                .header("Authorization", "Basic " + basic)
                                .header("X-Corridor-File-Name", "ussmus-prices.csv")
                                .POST(HttpRequest.BodyPublishers.ofString(csv))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
