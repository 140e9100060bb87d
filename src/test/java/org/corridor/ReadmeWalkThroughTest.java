package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's walk-through, its shell commands run as written (bash, from a folder that holds the gateway's
 * {@code var} and the project's {@code sample-docs}), against the gateway on its default folder partners: the
 * comparison of the buyer's copy with the expected delivered certificate, the copper dossier complete under its name
 * CU-2025-0147, the BAD_ samples refused for their rule, and a second pass of the dossier as the README says it goes.
 * Each command is taken from README.md, so the test fails when the README changes them without the test.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeWalkThroughTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Where the README's commands run: {@code var} is the gateway's home, {@code sample-docs} the project's. */
    private static final Path WORK =
            Path.of("target", "test-homes", "readme-" + UUID.randomUUID()).toAbsolutePath();

    private static final Path VAR = WORK.resolve("var");
    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();

    private static final String DROP_ASSAY = "cp sample-docs/assay/KHILAB-CU-2025-0147.csv var/inbox/assay/";
    private static final String COMPARE = """
            diff <(grep -v -e '"documentId"' -e '"shipmentRef"' var/outbox/USSMUS/D-*.json) \\
                 sample-docs/assay/expected/delivered/KHILAB-CU-2025-0147.json && echo same""";
    private static final String DROP_DOSSIER = "find sample-docs/dossiers/CU-2025-0147 -maxdepth 1 -type f"
            + " ! -name 'expected-*' -exec cp {} var/inbox/any/ \\;";
    private static final String DROP_ARSENIC = "cp sample-docs/dossiers/BAD_as_above_rejection/KHILAB-CU-2025-0147.csv"
            + " var/inbox/any/KHILAB-CU-AS.csv";
    private static final String DROP_PRICES =
            "cp sample-docs/prices/LME-CU-2025-10.csv sample-docs/prices/LME-CU-2025-11.csv var/inbox/prices/";
    private static final String DROP_BUYER_ASSAY =
            "cp sample-docs/settlement/USSM-LAB-CU-2025-0147.csv var/inbox/assay/";
    private static final String DROP_QUOTA = "cp sample-docs/dossiers/BAD_quota_exceeded/PSW-SD-FWO-2025-0147.json"
            + " var/inbox/customs/PSW-SD-QUOTA.json";

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", VAR::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        registry.add("corridor.api.operator-token", () -> OPERATOR_TOKEN);
    }

    @BeforeAll
    static void workFolder() throws IOException {
        Files.createDirectories(WORK);
        Files.createSymbolicLink(
                WORK.resolve("sample-docs"), Path.of("sample-docs").toAbsolutePath());
    }

    @Test
    void theReadmesCommandsDoWhatItSays() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (String command :
                List.of(DROP_ASSAY, COMPARE, DROP_DOSSIER, DROP_ARSENIC, DROP_QUOTA, DROP_PRICES, DROP_BUYER_ASSAY)) {
            assertThat(readme).as("the README shows this command").contains(command);
        }

        // the buyer's copy of the certificate is the expected delivered one, but for the gateway's own two fields
        run(DROP_ASSAY);
        await().atMost(TIMEOUT).until(() -> files("outbox/USSMUS").size() == 1);
        assertThat(run(COMPARE)).isEqualTo("same\n");

        // the copper shipment's five documents: one dossier, complete, under the shipment's name
        run(DROP_DOSSIER);
        await().atMost(TIMEOUT).until(() -> files("outbox/USSMUS").contains("DOSSIER-CU-2025-0147.json"));
        JsonNode dossier = dossier("CU-2025-0147");
        assertThat(dossier.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(dossier.path("documents"))
                .extracting(d -> d.path("kind").asText())
                .contains("PACKING_LIST", "BILL_OF_LADING", "CUSTOMS_DECLARATION", "ASSAY_CERTIFICATE", "INVOICE");

        run(DROP_ARSENIC);
        assertThat(errorNote("KHILAB-CU-AS.csv"))
                .contains("AGREEMENT_RULE")
                .contains("QUALITY_REJECTED")
                .contains("As 0.62 % (dry)");
        run(DROP_QUOTA);
        assertThat(errorNote("PSW-SD-QUOTA.json"))
                .contains("QUOTA_EXCEEDED")
                .contains("45.605 t")
                .contains("above its limit of 45 t");

        // the same five files again: the declaration is refused as counted before, the invoice's interchange as a
        // duplicate; the others are filed again, and the complete dossier is not sent again
        run(DROP_DOSSIER);
        assertThat(errorNote("PSW-SD-FWO-2025-0147.json")).contains("DUPLICATE_DECLARATION");
        assertThat(errorNote("FWOPK-INVOIC-FWO-INV-2025-0147.edi")).contains("EDI_DUPLICATE");
        await().atMost(TIMEOUT).until(() -> files("inbox/any").isEmpty());
        assertThat(dossier("CU-2025-0147").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(files("outbox/USSMUS"))
                .filteredOn(n -> n.startsWith("DOSSIER-"))
                .containsExactly("DOSSIER-CU-2025-0147.json");

        // settlement: the prices bring the provisional invoice, the buyer's assay the final one, each to the buyer
        run(DROP_PRICES);
        assertThat(await().atMost(TIMEOUT).until(() -> delivered("STL-CU-2025-0147-P"), s -> s != null))
                .contains("BGM+325+STL-CU-2025-0147-P+9'")
                .contains("MOA+77:36207.32'");
        assertThat(readme).contains("STL-CU-2025-0147-P (EDIFACT INVOIC, BGM 325), 36,207.32 USD");
        run(DROP_BUYER_ASSAY);
        assertThat(await().atMost(TIMEOUT).until(() -> delivered("STL-CU-2025-0147-F"), s -> s != null))
                .contains("BGM+380+STL-CU-2025-0147-F+9'");
    }

    /** The buyer's file that carries this invoice number, or null while there is none. */
    private static String delivered(String invoiceNo) throws IOException {
        for (String name : files("outbox/USSMUS")) {
            String text = Files.readString(VAR.resolve("outbox/USSMUS").resolve(name), StandardCharsets.UTF_8);
            if (text.contains("+" + invoiceNo + "+")) {
                return text;
            }
        }
        return null;
    }

    /** Runs a README command with bash in the work folder; its standard output, once it ended with status 0. */
    private static String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("exit status of %s; output: %s", command, output)
                .isZero();
        return output;
    }

    /** The files of a folder, without those still being written (a delivery's {@code .inflight-} file). */
    private static List<String> files(String folder) throws IOException {
        Path dir = VAR.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static String errorNote(String fileName) {
        Path note = VAR.resolve("error").resolve(fileName + ".error.txt");
        await().atMost(TIMEOUT).until(() -> Files.exists(note) && Files.size(note) > 0);
        try {
            return Files.readString(note, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode dossier(String shipmentRef) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(OPERATOR_TOKEN);
        ResponseEntity<JsonNode> answer = http.exchange(
                "/api/dossiers/" + shipmentRef, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
        assertThat(answer.getStatusCode().value())
                .as("GET /api/dossiers/%s", shipmentRef)
                .isEqualTo(200);
        return answer.getBody();
    }
}
