package org.corridor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.rules.AgreementRules;
import org.corridor.support.TestReferenceData;
import org.junit.jupiter.api.Test;

/**
 * The transparency report of the sample agreement from the sample dossiers: figures as the golden files say, cells
 * of fewer shipments than the policy's minimum withheld, and no non-public value of any sample document in any
 * public output. The copper dossier is counted three times (three shipments of one month, as the minimum of 3
 * needs for a published cell); the rare-earth dossier once (withheld).
 */
class TransparencyReportTest {

    private static final Path DOSSIERS = Path.of("sample-docs", "dossiers");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "transparency");
    private static final Instant AS_OF = Instant.parse("2025-12-01T00:00:00Z");
    static final String HEAD = "ab".repeat(32);

    private static Agreement agreement() {
        return TestReferenceData.AGREEMENT_FILES
                .readAll(Path.of("sample-docs", "agreements"))
                .get(0);
    }

    private static List<CanonicalDocument> documents(String dossier) throws IOException {
        List<CanonicalDocument> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOSSIERS.resolve(dossier).resolve("expected"))) {
            for (Path f : files.sorted().toList()) {
                all.addAll(CanonicalJson.readAll(Files.readAllBytes(f)));
            }
        }
        return all;
    }

    private static List<TransparencyReport.Shipment> shipments() throws IOException {
        List<CanonicalDocument> copper = documents("CU-2025-0147");
        return List.of(
                new TransparencyReport.Shipment(
                        "CU-2025-0147", copper, new TransparencyReport.Flow(seconds(2, 4), 0, seconds(30), 0)),
                new TransparencyReport.Shipment(
                        "CU-2025-0147-B", copper, new TransparencyReport.Flow(seconds(10, 3), 0, seconds(60), 1)),
                new TransparencyReport.Shipment(
                        "CU-2025-0147-C", copper, new TransparencyReport.Flow(seconds(5), 1, seconds(), 0)),
                new TransparencyReport.Shipment("NDPR-2025-0161", documents("NDPR-2025-0161")));
    }

    private static List<Duration> seconds(int... values) {
        return Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }

    /** Three refusals of copper in October (published), one of rare earths and one of no known commodity (withheld). */
    private static List<TransparencyReport.Refusal> refusals() {
        YearMonth october = YearMonth.parse("2025-10");
        return List.of(
                new TransparencyReport.Refusal("CU_CONC", october, "QUOTA_EXCEEDED"),
                new TransparencyReport.Refusal("CU_CONC", october, "EDIFACT_SYNTAX"),
                new TransparencyReport.Refusal("CU_CONC", october, "QUOTA_EXCEEDED"),
                new TransparencyReport.Refusal("NDPR_OXIDE", october, "ASSAY_OUT_OF_RANGE"),
                new TransparencyReport.Refusal(null, YearMonth.parse("2025-11"), "CSV_HEADER"));
    }

    /** The sample agreement's report: also the one {@code ReportPdfTest} prints. */
    static TransparencyReport report() throws IOException {
        return TransparencyReport.compute(
                agreement(),
                new AgreementRules(Clock.fixed(AS_OF, ZoneOffset.UTC), TestReferenceData.REFERENCE),
                new TransparencyReport.Facts(
                        shipments(),
                        refusals(),
                        Map.of("CU-2025", new BigDecimal("63.849"), "NDPR-2025", new BigDecimal("1.2")),
                        Map.of("MOC-EXP-2025-CU-0312", new BigDecimal("63.849"))),
                AS_OF,
                42,
                HEAD);
    }

    @Test
    void publishesACellOfEnoughShipmentsAndWithholdsTheOthers() throws IOException {
        TransparencyReport r = report();

        assertThat(r.minimumShipments()).isEqualTo(3);
        TransparencyReport.Cell copper = r.cells().stream()
                .filter(c -> c.commodity().equals("CU_CONC"))
                .findFirst()
                .orElseThrow();
        assertThat(copper.withheld()).isFalse();
        assertThat(copper.month()).isEqualTo("2025-10");
        assertThat(copper.shipments()).isEqualTo(3);
        assertThat(copper.wetTonnes()).isEqualByComparingTo("63.849");
        assertThat(copper.dryTonnes()).isEqualByComparingTo("58.431");
        assertThat(copper.declaredValue()).containsOnlyKeys("USD");
        assertThat(copper.declaredValue().get("USD")).isEqualByComparingTo("115238.25");
        assertThat(copper.documentsByKind()).containsEntry("CUSTOMS_DECLARATION", 3);
        TransparencyReport.Cell rareEarth = r.cells().stream()
                .filter(c -> c.commodity().equals("NDPR_OXIDE"))
                .findFirst()
                .orElseThrow();
        assertThat(rareEarth.withheld()).isTrue();
        assertThat(rareEarth.shipments()).isNull();
        assertThat(rareEarth.wetTonnes()).isNull();
        assertThat(r.quotas())
                .filteredOn(q -> q.quotaId().equals("CU-2025"))
                .singleElement()
                .satisfies(q -> assertThat(q.usedTonnes()).isEqualByComparingTo("63.849"));
        assertThat(r.quotas())
                .filteredOn(q -> q.quotaId().equals("NDPR-2025"))
                .singleElement()
                .satisfies(q -> assertThat(q.withheld()).isTrue());
        assertThat(r.month(YearMonth.parse("2025-11")).cells()).isEmpty();
    }

    @Test
    void publishesPermitsUsedRefusalsByReasonAndTheTimesOfPublishedCells() throws IOException {
        TransparencyReport r = report();

        TransparencyReport.Cell copper = r.cells().stream()
                .filter(c -> c.commodity().equals("CU_CONC"))
                .findFirst()
                .orElseThrow();
        // each copper declaration's line falls under the partnership permit valid on its date (2025-10-10)
        assertThat(copper.permitTonnes()).containsOnlyKeys("MOC-EXP-2025-CU-0312");
        assertThat(copper.permitTonnes().get("MOC-EXP-2025-CU-0312")).isEqualByComparingTo("63.849");
        // drop to delivered: 2, 3, 4, 5, 10 s -> median the 3rd (4 s), p95 the 5th (10 s); one document waiting
        assertThat(copper.dropToDelivered().measured()).isEqualTo(5);
        assertThat(copper.dropToDelivered().waiting()).isEqualTo(1);
        assertThat(copper.dropToDelivered().p50Seconds()).isEqualByComparingTo("4");
        assertThat(copper.dropToDelivered().p95Seconds()).isEqualByComparingTo("10");
        assertThat(copper.acknowledgement().measured()).isEqualTo(2);
        assertThat(copper.acknowledgement().waiting()).isEqualTo(1);
        assertThat(copper.acknowledgement().p50Seconds()).isEqualByComparingTo("30");
        assertThat(copper.acknowledgement().p95Seconds()).isEqualByComparingTo("60");
        // the used tonnes of a limited permit are the ledger's; a permit no shipment used shows 0, not "withheld"
        assertThat(r.permits())
                .filteredOn(p -> p.number().equals("MOC-EXP-2025-CU-0312"))
                .singleElement()
                .satisfies(p -> assertThat(p.usedTonnes()).isEqualByComparingTo("63.849"));
        assertThat(r.permits())
                .filteredOn(p -> p.number().equals("MOC-EXP-2025-SB-0127"))
                .singleElement()
                .satisfies(p -> assertThat(p.usedTonnes()).isEqualByComparingTo("0"));
        // the one rare-earth shipment's permit stands for one shipment: withheld
        assertThat(r.permits())
                .filteredOn(p -> p.number().equals("MOC-EXP-2025-REE-0044"))
                .singleElement()
                .satisfies(p -> assertThat(p.withheld()).isTrue());
        assertThat(r.refusals())
                .extracting(f -> f.commodity() + " " + f.month() + " " + (f.withheld() ? "withheld" : f.byReason()))
                .containsExactly(
                        "CU_CONC 2025-10 {EDIFACT_SYNTAX=1, QUOTA_EXCEEDED=2}",
                        "NDPR_OXIDE 2025-10 withheld",
                        "null 2025-11 withheld");
        assertThat(r.month(YearMonth.parse("2025-11")).refusals()).hasSize(1);
    }

    @Test
    void aRefusalCountsUnderItsRulesFindingCodeAndNeverUnderWordsOfItsReason() {
        assertThat(TransparencySource.reasonCode(
                        "AGREEMENT_RULE", "QUOTA_EXCEEDED: Declaration X: quota CU-2025 has 66.888 t used"))
                .isEqualTo("QUOTA_EXCEEDED");
        // a reason whose first capitalised word is not a finding code (text a sender wrote) counts as the error code
        assertThat(TransparencySource.reasonCode("AGREEMENT_RULE", "NBP-LC-EXP-2025-00871 SECRET_LOT: text"))
                .isEqualTo("AGREEMENT_RULE");
        assertThat(TransparencySource.reasonCode("EDIFACT_SYNTAX", "QUOTA_EXCEEDED: looks like a rule"))
                .isEqualTo("EDIFACT_SYNTAX");
        assertThat(TransparencySource.reasonCode(null, null)).isEqualTo("UNSPECIFIED");
    }

    @Test
    void percentilesAreNearestRank() {
        TransparencyReport.Times t = TransparencyReport.times(seconds(9, 1, 5, 3, 7, 2, 8, 4, 6, 10), 0);
        assertThat(t.p50Seconds()).isEqualByComparingTo("5");
        assertThat(t.p95Seconds()).isEqualByComparingTo("10");
        TransparencyReport.Times none = TransparencyReport.times(List.of(), 3);
        assertThat(none.p50Seconds()).isNull();
        assertThat(none.waiting()).isEqualTo(3);
        assertThat(TransparencyReport.times(List.of(Duration.ofMillis(1250)), 0).p50Seconds())
                .isEqualByComparingTo("1.3");
    }

    @Test
    void everyPublicOutputEqualsItsGoldenFile() throws IOException {
        TransparencyReport r = report();
        Map<String, String> outputs = Map.of(
                "PK-US-CM-2025.json",
                ReportFormats.json(r),
                "PK-US-CM-2025.csv",
                ReportFormats.csv(r),
                "PK-US-CM-2025.html",
                ReportFormats.html(r));
        if (Boolean.getBoolean("corridor.golden.write")) {
            Files.createDirectories(GOLDEN);
            for (Map.Entry<String, String> e : outputs.entrySet()) {
                Files.writeString(GOLDEN.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            assertThat(e.getValue())
                    .as(e.getKey())
                    .isEqualTo(Files.readString(GOLDEN.resolve(e.getKey()), StandardCharsets.UTF_8));
        }
        JsonNode json = CanonicalJson.mapper().readTree(outputs.get("PK-US-CM-2025.json"));
        assertThat(json.get("auditHeadHash").asText()).isEqualTo(HEAD);
        assertThat(outputs.get("PK-US-CM-2025.html"))
                .contains("<svg id=\"chart-tonnes\"", HEAD, "2025-12-01T00:00:00Z");
    }

    @Test
    void itsJsonReadsBackIntoTheSameReportAndTheSamePage() throws IOException {
        TransparencyReport r = report();

        // what the command line does with the gateway's JSON: every figure must survive the trip
        TransparencyReport back = CanonicalJson.mapper().readValue(ReportFormats.json(r), TransparencyReport.class);

        assertThat(back).isEqualTo(r);
        assertThat(ReportFormats.html(back)).isEqualTo(ReportFormats.html(r));
        assertThat(ReportFormats.csv(back)).isEqualTo(ReportFormats.csv(r));
    }

    @Test
    void noPublicOutputCarriesANonPublicValueOfTheSampleDossiers() throws IOException {
        Agreement agreement = agreement();
        TransparencyReport r = report();
        // the agreement's title names its two parties: public since the agreement was signed in public
        String published =
                (ReportFormats.json(r) + ReportFormats.csv(r) + ReportFormats.html(r)).replace(agreement.title(), "");
        // the PDF wraps lines anywhere (at a space, at a hyphen): its text is searched with every space taken out
        String pdf = compact(ReportPdfTest.text(ReportPdf.pdf(ReportFormats.html(r))))
                .replace(compact(agreement.title()), "");

        Set<String> publicValues = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (String dossier : List.of("CU-2025-0147", "NDPR-2025-0161")) {
            for (CanonicalDocument d : documents(dossier)) {
                JsonNode body = CanonicalJson.mapper().valueToTree(d).get("body");
                collect(body, "body", d.kind(), agreement.disclosure(), publicValues, secrets);
            }
        }
        // what is public elsewhere (the invoice's HS code 260300 is part of the declaration's public 26030000) is no
        // secret
        secrets.removeIf(secret -> publicValues.stream().anyMatch(p -> p.contains(secret)));
        assertThat(secrets)
                .as("non-public values of the sample dossiers")
                .contains(
                        "National Bank of Pakistan",
                        "NBP-LC-EXP-2025-00871",
                        "FWO-CU-L01",
                        "38412.75",
                        "0786512-4",
                        "TGHU8144721");
        assertThat(secrets)
                .allSatisfy(secret -> assertThat(published).as("public outputs").doesNotContain(secret))
                .allSatisfy(secret -> assertThat(pdf).as("the PDF's text").doesNotContain(compact(secret)));
    }

    private static String compact(String text) {
        return text.replaceAll("\\s", "");
    }

    /** Every leaf of a document's body: public when its path (arrays as []) is a public field, else a secret. */
    private static void collect(
            JsonNode node,
            String path,
            DocumentKind kind,
            Agreement.Disclosure policy,
            Set<String> publicValues,
            Set<String> secrets) {
        if (node.isObject()) {
            boolean isPublic =
                    policy.publicFields().getOrDefault(kind, List.of()).contains(path);
            node.fields()
                    .forEachRemaining(e -> collect(
                            e.getValue(),
                            path + "." + e.getKey(),
                            kind,
                            policy,
                            publicValues,
                            isPublic ? publicValues : secrets));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, path + "[]", kind, policy, publicValues, secrets));
        } else if (!node.isNull()) {
            String text = node.asText();
            boolean isPublic =
                    policy.publicFields().getOrDefault(kind, List.of()).contains(path);
            // short codes (units, countries, "1") are not secrets a search could find
            if (isPublic) {
                publicValues.add(text);
            } else if (text.length() >= 5) {
                secrets.add(text);
            }
        }
    }
}
