package org.corridor.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.AssayCertificate;
import org.corridor.detect.Detection;
import org.corridor.parse.ParsedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The long and the wide lab CSV carry the same information: the same certificate parses to equal bodies. */
class LongAndWideFormsTest {

    private static final Path ASSAY = Path.of("sample-docs/assay");
    private static final Detection LONG = new Detection(Detection.CSV, Detection.LAB_CSV, "long");
    private static final Detection WIDE = new Detection(Detection.CSV, Detection.LAB_CSV, "wide");
    private static final List<String> ANALYTES = List.of(
            "Cu",
            "Au",
            "Ag",
            "As",
            "Sb",
            "Pb",
            "Zn",
            "Bi",
            "Hg",
            "Cd",
            "S",
            "Fe",
            "H2O",
            "TML",
            "TREO",
            "Nd2O3",
            "Pr6O11",
            "ThO2",
            "U3O8",
            "Nd2O3/TREO",
            "Pr6O11/TREO",
            "La2O3",
            "CeO2",
            "SiO2",
            "Al2O3");
    private static final List<String> UNITS = List.of("%", "g/t", "ppm", "PCT", "Bq/g");
    private static final List<String> METHODS =
            List.of("ICP-OES", "ICP-MS", "FA-AAS", "\"ISO 10378 fire assay, grav\"", "");
    private static final List<String> ROLES = List.of("SELLER", "BUYER", "UMPIRE", "");

    private static DefaultCamelContext camel;
    private static AssayCsvParser longParser;
    private final AssayWideCsvParser wideParser = new AssayWideCsvParser(REFERENCE);

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        longParser = new AssayCsvParser(camel, REFERENCE);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KHILAB-CU-2025-0147", "KHILAB-REO-2025-0161"})
    void wideSampleParsesToTheSameCertificateAsItsLongTwin(String stem) throws IOException {
        byte[] longFile = Files.readAllBytes(ASSAY.resolve(stem + ".csv"));
        byte[] wideFile = Files.readAllBytes(ASSAY.resolve(stem + "-wide.csv"));

        AssayCertificate longBody = only(longParser.parse(longFile, LONG));
        AssayCertificate wideBody = only(wideParser.parse(wideFile, WIDE));

        assertThat(wideBody.results()).isNotEmpty();
        assertThat(wideBody).isEqualTo(longBody);
    }

    @Test
    void randomCertificatesParseToEqualBodiesInBothForms() {
        Random random = new Random(20251006L);
        for (int iteration = 0; iteration < 300; iteration++) {
            Generated g = Generated.random(random);
            AssayCertificate longBody = only(longParser.parse(g.longForm().getBytes(StandardCharsets.UTF_8), LONG));
            AssayCertificate wideBody = only(wideParser.parse(g.wideForm().getBytes(StandardCharsets.UTF_8), WIDE));

            assertThat(wideBody)
                    .as("iteration %d%nlong:%n%s%nwide:%n%s", iteration, g.longForm(), g.wideForm())
                    .isEqualTo(longBody);
            assertThat(longBody.results()).hasSize(g.resultCount());
        }
    }

    private static AssayCertificate only(List<ParsedMessage> messages) {
        assertThat(messages).hasSize(1);
        return (AssayCertificate) messages.get(0).body();
    }

    /** One random certificate: analyte columns with unit, basis, method and date; sample rows with random cells. */
    private record Generated(String longForm, String wideForm, int resultCount) {

        static Generated random(Random random) {
            int columns = 1 + random.nextInt(8);
            List<String> analytes = new ArrayList<>();
            List<String> units = new ArrayList<>();
            List<String> bases = new ArrayList<>();
            List<String> methods = new ArrayList<>();
            List<String> dates = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                analytes.add(pick(random, ANALYTES));
                units.add(pick(random, UNITS));
                bases.add(random.nextBoolean() ? "DRY" : "AS_RECEIVED");
                methods.add(pick(random, METHODS));
                dates.add(LocalDate.of(2025, 10, 1).plusDays(random.nextInt(20)).toString());
            }
            String certificate = "KHILAB-GEN-" + random.nextInt(10000);
            String contract = random.nextBoolean() ? "USSM-FWO-2025-CU-001" : "";
            String issue = random.nextBoolean() ? "2025-10-25" : "";
            StringBuilder longForm = new StringBuilder("certificate_no,lab,lot_no,sample_id,sample_role,analyte,"
                    + "value,qualifier,unit,basis,method,analysis_date,contract_ref,commodity,issue_date\n");
            StringBuilder wideForm = new StringBuilder("certificate_no,lab,lot_no,sample_id,sample_role,"
                    + "analysis_date,contract_ref,commodity,issue_date," + String.join(",", analytes) + "\n");
            String empty = ",,,,,,,,";
            wideForm.append("#unit")
                    .append(empty)
                    .append(',')
                    .append(String.join(",", units))
                    .append('\n');
            wideForm.append("#basis")
                    .append(empty)
                    .append(',')
                    .append(String.join(",", bases))
                    .append('\n');
            wideForm.append("#method")
                    .append(empty)
                    .append(',')
                    .append(String.join(",", methods))
                    .append('\n');
            wideForm.append("#analysis_date")
                    .append(empty)
                    .append(',')
                    .append(String.join(",", dates))
                    .append('\n');
            int samples = 1 + random.nextInt(4);
            int results = 0;
            for (int s = 0; s < samples; s++) {
                String lot = "LOT-" + (1 + random.nextInt(3));
                String sample = "S-" + s;
                String role = pick(random, ROLES);
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    boolean analysed = c == 0 || random.nextInt(5) > 0;
                    if (!analysed) {
                        cells.add("");
                        continue;
                    }
                    String value = decimal(random);
                    String qualifier = random.nextInt(4) == 0 ? (random.nextBoolean() ? "<" : ">") : "";
                    cells.add(qualifier + value);
                    // the long form may carry the qualifier in either column
                    boolean inValue = random.nextBoolean();
                    longForm.append(String.join(
                                    ",",
                                    certificate,
                                    "KHILAB",
                                    lot,
                                    sample,
                                    role,
                                    analytes.get(c),
                                    inValue ? qualifier + value : value,
                                    inValue ? "" : qualifier,
                                    units.get(c),
                                    bases.get(c),
                                    methods.get(c),
                                    dates.get(c),
                                    contract,
                                    "",
                                    issue))
                            .append('\n');
                    results++;
                }
                wideForm.append(String.join(",", certificate, "KHILAB", lot, sample, role, "", contract, "", issue))
                        .append(',')
                        .append(String.join(",", cells))
                        .append('\n');
            }
            return new Generated(longForm.toString(), wideForm.toString(), results);
        }

        /** A decimal with 0 to 4 places, as a lab writes it (trailing zeros kept). */
        private static String decimal(Random random) {
            BigDecimal value = BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(5));
            return value.toPlainString();
        }

        private static String pick(Random random, List<String> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
