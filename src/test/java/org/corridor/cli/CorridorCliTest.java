package org.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corridor.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorridorCliTest {

    private static final String ASSAY = "sample-docs/assay/";
    private static final String AGREEMENTS = "sample-docs/agreements";
    private static final String GOOD = ASSAY + "KHILAB-CU-2025-0147.csv";
    private static final String BAD = ASSAY + "BAD_letter_in_value.csv";

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

    private static String expected(String name) throws IOException {
        return Files.readString(Path.of(ASSAY, "expected", name), StandardCharsets.UTF_8);
    }

    // --- broker ---

    @Test
    void theBrokerRefusesToStartWithoutTheNodesLogin() {
        // CORRIDOR_BROKER_USER/PASSWORD are not set where the tests run; a started broker is ClusterKillNineTest's
        assumeTrue(System.getenv("CORRIDOR_BROKER_PASSWORD") == null);

        int exit = cli.run("broker", "--data", "target/cli-broker-never-started", "--port", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr())
                .contains("broker: the broker needs a login for the nodes: set CORRIDOR_BROKER_USER and"
                        + " CORRIDOR_BROKER_PASSWORD");
        assertThat(Path.of("target/cli-broker-never-started")).doesNotExist();
    }

    // --- convert ---

    @Test
    void buildsTheUsBrokerDataSetFromTheShipmentsDocumentsInTheirOwnFormats() throws Exception {
        int exit = cli.run(
                "us-broker",
                "sample-docs/assay/KHILAB-CU-2025-0147.csv",
                "sample-docs/packing/FWO-PL-2025-0147.txt",
                "sample-docs/shipping/ASOC-BL-2025-0147.xml",
                "sample-docs/customs/PSW-SD-FWO-2025-0147.json",
                "--agreements",
                "sample-docs/agreements");

        assertThat(exit).as(stderr()).isZero();
        JsonNode dataSet = CanonicalJson.mapper().readTree(stdout());
        // Cu content: 19.477 dry t (21283.40 kg wet at 8.4857 % H2O) x 24.0130 % x 10 = 4677 kg (see
        // UsBrokerDataSetTest)
        assertThat(dataSet.at("/entryLines/0/hts").asText()).isEqualTo("2603000010");
        assertThat(dataSet.at("/entryLines/0/quantity").asInt()).isEqualTo(4677);
        // containerised cargo: ISF is required, so the data set carries it
        assertThat(dataSet.at("/isf").isObject()).isTrue();
    }

    @Test
    void convertsDeclarationWorksheetToTheAgentsCsvAndBackToJson() {
        int csv = cli.run(
                "convert",
                "sample-docs/customs/PSW-SD-FWO-2025-0147.json",
                "--to",
                "worksheet-csv",
                "--agreements",
                "sample-docs/agreements");
        assertThat(csv).as(stderr()).isZero();
        assertThat(stdout()).startsWith("\uFEFFGD Number,GD Date,Exporter,").contains("PQEX-SB-0004471-14102025");

        out.reset();
        int json = cli.run(
                "convert",
                "sample-docs/customs/PSW-SD-FWO-2025-0147.json",
                "--to",
                "worksheet-json",
                "--agreements",
                "sample-docs/agreements");
        assertThat(json).as(stderr()).isZero();
        assertThat(stdout()).contains("\"worksheetVersion\"").contains("21342.00");
    }

    @Test
    void convertsTheBillOfLadingToAnX12ShipNoticeAddressedToTheBuyerNotBackToTheCarrier() {
        int exit = cli.run(
                "convert", "sample-docs/shipping/ASOC-BL-2025-0147.xml", "--to", "x12", "--agreements", AGREEMENTS);
        assertThat(exit).as(stderr()).isZero();
        // the agreement sends bills of lading to the buyer first (USSMUS, the consignee), as the gateway would
        assertThat(stdout())
                .startsWith("ISA*00*          *00*          *ZZ*CORRIDOR       *ZZ*USSMUS         *")
                .contains(
                        "GS*SH*CORRIDOR*USSMUS*",
                        "ST*856*0001~",
                        "BSN*00*ASOC-BL-2025-0147*",
                        "TD3*CN*TGHU*8144721*G*12880.20*KG***PK4120731*22G1~")
                .doesNotContain("OCEANCAR       *");
        assertThat(stdout().strip()).endsWith("IEA*1*000000001~");
    }

    @Test
    void addressesEdiToThePartnerGivenByItsEdiId() {
        int exit = cli.run(
                "convert",
                "sample-docs/shipping/ASOC-BL-2025-0147.xml",
                "--to",
                "x12",
                "--partner",
                "USBROKER",
                "--agreements",
                AGREEMENTS);
        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).contains("*ZZ*USBROKER       *", "GS*SH*CORRIDOR*USBROKER*");

        out.reset();
        assertThat(cli.run(
                        "convert",
                        "sample-docs/dossiers/CU-2025-0147/FWOPK-INVOIC-FWO-INV-2025-0147.edi",
                        "--to",
                        "edifact",
                        "--agreements",
                        AGREEMENTS))
                .as(stderr())
                .isZero();
        // invoices go to the buyer as EDIFACT in the agreement: the same address the gateway writes
        assertThat(stdout()).contains("UNB+UNOC:3+CORRIDOR:ZZZ+USSMUS:ZZZ+");
    }

    @Test
    void refusesThePartnerOptionWithoutEdiOutput() {
        assertThat(cli.run(
                        "convert",
                        "sample-docs/shipping/ASOC-BL-2025-0147.xml",
                        "--to",
                        "canonical",
                        "--partner",
                        "USSMUS",
                        "--agreements",
                        AGREEMENTS))
                .isEqualTo(2);
        assertThat(stderr()).contains("--partner takes a partner id and applies to --to edifact or x12");
    }

    @Test
    void refusesToWriteAnAssayCertificateAsADeclarationWorksheet() {
        int exit = cli.run(
                "convert",
                "sample-docs/assay/KHILAB-CU-2025-0147.csv",
                "--to",
                "worksheet-csv",
                "--agreements",
                "sample-docs/agreements");
        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).contains("cannot be written as worksheet-csv");
    }

    @Test
    void convertsLabCsvToTheExpectedCanonicalJson() throws IOException {
        int exit = cli.run("convert", GOOD, "--to", "canonical", "--agreements", AGREEMENTS);

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo(expected("KHILAB-CU-2025-0147.json"));
    }

    /** Samples that carry an issue date, so the agreement in force does not depend on today's date. */
    @ParameterizedTest
    @ValueSource(strings = {"KHILAB-CU-2025-0147", "KHILAB-REO-2025-0161"})
    void convertsDatedSampleToItsGoldenFile(String sample) throws IOException {
        int exit = cli.run("convert", ASSAY + sample + ".csv", "--agreements", AGREEMENTS);

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo(expected(sample + ".json"));
    }

    @Test
    void refusesInvalidFileWithCodeAndPlaceOnStandardError() {
        int exit = cli.run("convert", BAD, "--to", "canonical", "--agreements", AGREEMENTS);

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr())
                .contains("BAD_letter_in_value.csv")
                .contains("CSV_NUMBER")
                .contains("line 5, column 7")
                .contains("\"2O.45\"");
    }

    // --- usage errors ---

    @Test
    void printsUsageAndExitsTwoWithoutArguments() {
        assertThat(cli.run()).isEqualTo(2);
        assertThat(stderr()).startsWith("usage:");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void printsUsageOnStandardOutputAndExitsZeroForHelp() {
        assertThat(cli.run("help")).isZero();
        assertThat(stdout()).contains("convert FILE").contains("validate FILE");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void helpOfAnUnknownCommandIsMisuse() {
        assertThat(cli.run("help", "bogus")).isEqualTo(2);
        assertThat(stderr()).startsWith("help: unknown command: bogus").contains("convert FILE");
    }

    @Test
    void convertStreamsAnInterchangeOfSeveralMessagesToExactlyItsGoldenFile() throws Exception {
        String sample = "sample-docs/edifact/OCEANCAR-IFTSTA-ASOC-BL-2025-0147.edi";

        assertThat(cli.run("convert", sample, "--agreements", AGREEMENTS)).isEqualTo(0);

        assertThat(stdout())
                .isEqualTo(java.nio.file.Files.readString(
                        java.nio.file.Path.of("sample-docs/edifact/expected/OCEANCAR-IFTSTA-ASOC-BL-2025-0147.json")));
    }

    @Test
    void aRefusedInterchangePrintsNothingEvenWhenSomeMessagesWereGood() {
        assertThat(cli.run(
                        "convert",
                        "sample-docs/edifact/BAD_iftsta_duplicate_interchange.edi",
                        "--agreements",
                        AGREEMENTS))
                .isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("EDI_DUPLICATE");
    }

    @Test
    void exitsTwoForUnknownOption() {
        assertThat(cli.run("convert", GOOD, "--verbose")).isEqualTo(2);
        assertThat(stderr()).contains("unknown option: --verbose").contains("usage:");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void exitsTwoForOutputFormatItDoesNotKnow() {
        assertThat(cli.run("convert", GOOD, "--to", "tradacoms", "--agreements", AGREEMENTS))
                .isEqualTo(2);
        assertThat(stderr()).contains("--to tradacoms").contains("edifact").contains("x12");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void exitsTwoForMissingFile() {
        assertThat(cli.run("convert", ASSAY + "NO_SUCH_FILE.csv", "--agreements", AGREEMENTS))
                .isEqualTo(2);
        assertThat(stderr()).contains("NO_SUCH_FILE.csv: no such file");
        assertThat(stdout()).isEmpty();
    }

    // --- validate ---

    @Test
    void validatesGoodFile() {
        int exit = cli.run("validate", GOOD, "--agreements", AGREEMENTS);

        assertThat(exit).as(stderr()).isZero();
        // valid, with the one warning the agreement's quality limits give (it travels with the document)
        assertThat(stdout())
                .isEqualTo("KHILAB-CU-2025-0147.csv: valid, 1 document(s), 1 finding(s)\n"
                        + "  WARNING QUALITY_PENALTY (body.results[15].value): Certificate KHILAB-CU-2025-0147, lot FWO-CU-L02"
                        + " (sample KML-25-0147-02): As 0.21 % (dry) is above the penalty threshold 0.20 % of agreement"
                        + " PK-US-CM-2025 for CU_CONC; the buyer deducts a penalty.\n");
    }

    @Test
    void validatesGoodFileAsJson() throws IOException {
        int exit = cli.run("validate", GOOD, "--json", "--agreements", AGREEMENTS);

        JsonNode report = CanonicalJson.mapper().readTree(stdout());
        assertThat(exit).isZero();
        assertThat(report.get("file").asText()).isEqualTo("KHILAB-CU-2025-0147.csv");
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("documents").asInt()).isEqualTo(1);
        assertThat(report.get("problems")).isEmpty();
        assertThat(report.get("findings")).singleElement().satisfies(f -> {
            assertThat(f.get("code").asText()).isEqualTo("QUALITY_PENALTY");
            assertThat(f.get("severity").asText()).isEqualTo("WARNING");
            assertThat(f.get("field").asText()).isEqualTo("body.results[15].value");
        });
    }

    @Test
    void reportsInvalidFileAsJsonWithCodeAndPlace() throws IOException {
        int exit = cli.run("validate", BAD, "--json", "--agreements", AGREEMENTS);

        JsonNode report = CanonicalJson.mapper().readTree(stdout());
        assertThat(exit).isEqualTo(1);
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("documents").asInt()).isZero();
        JsonNode problem = report.get("problems").get(0);
        assertThat(problem.get("code").asText()).isEqualTo("CSV_NUMBER");
        assertThat(problem.get("line").asInt()).isEqualTo(5);
        assertThat(problem.get("column").asInt()).isEqualTo(7);
        assertThat(problem.get("field").asText()).isEqualTo("value");
        assertThat(stderr()).contains("CSV_NUMBER");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BAD_bad_date",
                "BAD_empty",
                "BAD_header_only",
                "BAD_letter_in_value",
                "BAD_missing_lot_no",
                "BAD_unknown_analyte",
                "BAD_unknown_unit",
                "BAD_wrong_header"
            })
    void reportsEveryBadSampleExactlyAsItsExpectedErrorFile(String sample) throws IOException {
        int exit = cli.run("validate", ASSAY + sample + ".csv", "--json", "--agreements", AGREEMENTS);

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEqualTo(expected(sample + ".error.json"));
    }

    @Test
    void printsNothingOnStandardOutputForInvalidFileWithoutJson() {
        int exit = cli.run("validate", BAD, "--agreements", AGREEMENTS);

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("BAD_letter_in_value.csv: invalid: [CSV_NUMBER] line 5, column 7");
    }

    @Test
    void givesTheSameDocumentIdForTheSameBytes() {
        cli.run("convert", GOOD, "--agreements", AGREEMENTS);
        String first = stdout();
        out.reset();

        cli.run("convert", GOOD, "--agreements", AGREEMENTS);

        assertThat(stdout()).isEqualTo(first).contains("\"documentId\" : \"D-e13843239e8358ab\"");
    }

    @Test
    void isCommandRecognisesOnlyCliCommands() {
        assertThat(CorridorCli.isCommand(new String[] {"convert", "x"})).isTrue();
        assertThat(CorridorCli.isCommand(new String[] {"validate"})).isTrue();
        assertThat(CorridorCli.isCommand(new String[] {"--server.port=8080"})).isFalse();
        assertThat(CorridorCli.isCommand(new String[0])).isFalse();
    }

    @Test
    void startsTheGatewayOnlyWithoutArgumentsOrWithSettingsAlone() {
        assertThat(CorridorCli.isCommand(new String[] {"--corridor.home=/srv/x", "--server.port=9090"}))
                .isFalse();
        assertThat(CorridorCli.isCommand(new String[] {"--corridor.partners.USSMUS.url=https://u.example/in"}))
                .isFalse();
        // everything else is the command line's, which explains it and never starts a gateway
        for (String[] args : new String[][] {
            {"--help"},
            {"-h"},
            {"--version"},
            {"help"},
            {"bogus"},
            {"--server.port", "9090"},
            {"--corridor.home=/srv/x", "convert"},
            {"--debug"}
        }) {
            assertThat(CorridorCli.isCommand(args)).as(String.join(" ", args)).isTrue();
        }
    }

    // --- usage, per command ---

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpOptionPrintsTheUsageOfEveryCommand(String option) {
        assertThat(cli.run(option)).isZero();
        assertThat(stdout())
                .startsWith("usage: java -jar corridor.jar")
                .contains(
                        "convert FILE",
                        "validate FILE",
                        "us-broker FILE...",
                        "replay DOCUMENT_ID",
                        "Exit status: 0 done, 1");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void commandHelpShowsThatCommandsUsageInsteadOfLookingForAFile() {
        assertThat(cli.run("convert", "--help")).isZero();
        assertThat(stdout())
                .startsWith("usage: java -jar corridor.jar convert")
                .contains("--to=FORMAT", "worksheet-csv", "--agreements=DIR")
                .doesNotContain("no such file")
                .doesNotContain("validate FILE");
        assertThat(stderr()).isEmpty();

        out.reset();
        assertThat(cli.run("help", "replay")).isZero();
        assertThat(stdout()).startsWith("usage: java -jar corridor.jar replay").contains("--gateway=URL", "--force");
    }

    @Test
    void versionIsPrintedOnStandardOutput() {
        assertThat(cli.run("--version")).isZero();
        assertThat(stdout()).startsWith("corridor ");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void exitsTwoForUnknownCommand() {
        assertThat(cli.run("conver", GOOD)).isEqualTo(2);
        assertThat(stderr())
                .startsWith("unknown command: conver (did you mean convert?)")
                .contains("usage:");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aGatewaySettingWrittenWithASpaceIsExplained() {
        assertThat(cli.run("--server.port", "9090")).isEqualTo(2);
        assertThat(stderr())
                .startsWith("unknown option: --server.port (settings for the gateway are written"
                        + " --name=value, e.g. --server.port=9090)");
    }

    @Test
    void exitsTwoForAnOptionWithoutItsValue() {
        assertThat(cli.run("convert", GOOD, "--to")).isEqualTo(2);
        assertThat(stderr()).startsWith("convert: --to needs a value (FORMAT)").doesNotContain("null");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void exitsTwoForAMissingFileArgument() {
        assertThat(cli.run("validate", "--json")).isEqualTo(2);
        assertThat(stderr()).startsWith("validate: FILE is missing").contains("usage: java -jar corridor.jar validate");
        assertThat(cli.run("us-broker", ASSAY + "NO_SUCH_FILE.csv", "--agreements", AGREEMENTS))
                .isEqualTo(2);
        assertThat(stderr()).contains("NO_SUCH_FILE.csv: no such file");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void replayAgainstAStoppedGatewaySaysTheConnectionWasRefused() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String gateway = "http://localhost:" + port;

        assertThat(cli.run("replay", "D-20261128-966970929996", "--gateway", gateway, "--token", "t"))
                .isEqualTo(2);
        assertThat(stderr().strip())
                .isEqualTo("replay: cannot reach the gateway at " + gateway + ": connection refused");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void validatesWithTheSampleAgreementsWhenNoFolderIsGiven() {
        // ./sample-docs/agreements of the project folder here; elsewhere the jar's copy (BundledDefaultsTest, JarIT)
        assertThat(cli.run("validate", GOOD)).as(stderr()).isZero();
        assertThat(stdout()).contains("QUALITY_PENALTY").contains("PK-US-CM-2025");
    }
}
