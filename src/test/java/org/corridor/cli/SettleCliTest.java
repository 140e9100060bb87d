package org.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corridor.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code settle} command end to end, on the sample agreement's pricing terms (issue 17). */
class SettleCliTest {

    private static final String AGREEMENTS = "sample-docs/agreements";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CorridorCli cli = new CorridorCli(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int settle(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "settle";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--agreements";
        all[args.length + 2] = AGREEMENTS;
        return cli.run(all);
    }

    private static final String[] LOT = {
        "--agreement", "PK-US-CM-2025", "--commodity", "CU_CONC", "--wmt", "1000", "--moisture", "8", "--price", "9500"
    };

    private static String[] lot(String... more) {
        String[] all = new String[LOT.length + more.length];
        System.arraycopy(LOT, 0, all, 0, LOT.length);
        System.arraycopy(more, 0, all, LOT.length, more.length);
        return all;
    }

    @Test
    void printsTheWorkedExampleToTheCent() throws IOException {
        int exit = settle(lot("--assay", "Cu=24.00", "--assay", "As=0.35"));

        assertThat(exit).as(stderr()).isZero();
        assertThat(stderr()).isEmpty();
        assertThat(stdout())
                .isEqualTo(Files.readString(
                        Path.of("src", "test", "resources", "settlement", "cli", "worked-example.stdout")));
        JsonNode json = CanonicalJson.mapper().readTree(stdout());
        assertThat(json.get("dmt").decimalValue()).isEqualByComparingTo("920.000");
        assertThat(json.get("payable").decimalValue()).isEqualByComparingTo("23.00");
        assertThat(json.get("value").decimalValue()).isEqualByComparingTo("2010200.00");
        assertThat(json.get("tc").decimalValue()).isEqualByComparingTo("73600.00");
        assertThat(json.get("rc").decimalValue()).isEqualByComparingTo("37319.84");
        assertThat(json.get("penalties").decimalValue()).isEqualByComparingTo("3450.00");
        assertThat(json.get("net").decimalValue()).isEqualByComparingTo("1895830.16");
        assertThat(json.get("provisionalAmount").decimalValue()).isEqualByComparingTo("1706247.14");
        assertThat(json.at("/finalAssay/Cu").decimalValue()).isEqualByComparingTo("24.00");
    }

    @Test
    void settlesAnExchangeWithTheUmpiresResult() throws IOException {
        int exit = settle(lot(
                "--seller-assay",
                "Cu=24.00",
                "--seller-assay",
                "As=0.35",
                "--buyer-assay",
                "Cu=24.40",
                "--buyer-assay",
                "As=0.35",
                "--umpire-assay",
                "Cu=24.10"));

        assertThat(exit).as(stderr()).isZero();
        JsonNode json = CanonicalJson.mapper().readTree(stdout());
        assertThat(json.at("/finalAssay/Cu").decimalValue()).isEqualByComparingTo("24.10");
        assertThat(json.at("/assayExchange/0/formula").asText()).contains("umpire 24.10 lies between");
        assertThat(json.get("net").decimalValue()).isEqualByComparingTo("1904407.92");
    }

    @Test
    void refusesAnExchangeBeyondTheLimitWithoutTheUmpire() {
        int exit = settle(lot(
                "--seller-assay",
                "Cu=24.00",
                "--seller-assay",
                "As=0.35",
                "--buyer-assay",
                "Cu=24.40",
                "--buyer-assay",
                "As=0.35"));

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr())
                .isEqualTo("settle: the exchange results differ by more than the splitting limit for Cu (seller 24.00,"
                        + " buyer 24.40, splitting limit 0.20): an umpire decides; give --umpire-assay Cu=VALUE"
                        + System.lineSeparator());
    }

    @Test
    void refusesAnUnknownAgreement() {
        int exit = settle(
                "--agreement",
                "XX-1",
                "--commodity",
                "CU_CONC",
                "--wmt",
                "1",
                "--moisture",
                "0",
                "--price",
                "1",
                "--assay",
                "Cu=1");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).startsWith("settle: agreement XX-1 is not among the agreements read (PK-US-CM-2025");
    }

    @Test
    void refusesACommodityTheAgreementDoesNotCover() {
        int exit = settle(
                "--agreement",
                "PK-US-CM-2025",
                "--commodity",
                "GOLD",
                "--wmt",
                "1",
                "--moisture",
                "0",
                "--price",
                "1",
                "--assay",
                "Cu=1");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr())
                .startsWith("settle: agreement PK-US-CM-2025 has no commodity GOLD (it has CU_CONC, SB_CONC");
    }

    @Test
    void refusesACommodityWithoutPricingTerms(@TempDir Path dir) throws IOException {
        String sample = Files.readString(Path.of(AGREEMENTS, "PK-US-CM-2025.yaml"));
        int pricing = sample.indexOf("    # how the concentrate is priced");
        int next = sample.indexOf("  - code: SB_CONC");
        Files.writeString(dir.resolve("a.yaml"), sample.substring(0, pricing) + sample.substring(next));

        int exit = cli.run(prepend("settle", lot("--assay", "Cu=24.00", "--agreements", dir.toString())));

        assertThat(exit).isEqualTo(1);
        assertThat(stderr())
                .isEqualTo("settle: commodity CU_CONC of agreement PK-US-CM-2025 has no pricing terms (a \"pricing:\""
                        + " section, docs/agreements.md)" + System.lineSeparator());
    }

    @Test
    void refusesAnAssayValueThatIsNotAnalyteEqualsNumber() {
        int exit = settle(lot("--assay", "Cu24"));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("settle: --assay Cu24: expected ANALYTE=VALUE with a number, such as Cu=24.00");
    }

    @Test
    void refusesAnAssayWithoutThePaidAnalyte() {
        int exit = settle(lot("--assay", "As=0.35"));

        assertThat(exit).isEqualTo(1);
        assertThat(stderr())
                .isEqualTo("settle: commodity CU_CONC: the assay has no Cu, which the pricing terms need (it is the"
                        + " paid content)" + System.lineSeparator());
    }

    @Test
    void refusesAFinalAssayTogetherWithAnExchange() {
        int exit = settle(lot("--assay", "Cu=24.00", "--seller-assay", "Cu=24.00"));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("settle: give either --assay A=V... (the final assay) or --seller-assay");
    }

    @Test
    void helpListsTheSettleCommand() {
        assertThat(cli.run("help")).isZero();
        assertThat(stdout()).contains("settle --agreement REF --commodity CODE --wmt T --moisture PCT");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
