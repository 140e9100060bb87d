package org.corridor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.audit.TestAudit;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.cli.CorridorCli;
import org.corridor.problem.Finding;
import org.corridor.process.DocumentPipeline;
import org.corridor.rules.AgreementRules;
import org.corridor.rules.AllowanceLedger;
import org.corridor.support.SamplePipeline;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Every sample dossier in sample-docs/dossiers/: its files parsed and enriched like the gateway does, checked against
 * the agreement's rules and counted against its quotas and permits (a fresh database), then reconciled; the findings
 * must be exactly those of its expected-findings.json (code, severity, field, document file, text), rule findings
 * ({@code "source": "rules"}) and dossier findings ({@code "source": "dossier"}) alike.
 */
class SampleDossiersTest {

    static final Path DOSSIERS = Path.of("sample-docs", "dossiers");
    /** The day SamplePipeline enriches on; an undated document is judged on it. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-15T00:00:00Z"), ZoneOffset.UTC);

    private static final AgreementRules RULES = new AgreementRules(CLOCK, REFERENCE);
    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;

    @BeforeAll
    static void pipeline() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
    }

    /** Lets another test parse sample dossiers with its own pipeline. */
    static void pipelineFor(DocumentPipeline other) {
        pipeline = other;
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<Path> dossiers() throws IOException {
        try (Stream<Path> folders = Files.list(DOSSIERS)) {
            List<Path> all = folders.filter(Files::isDirectory).sorted().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(8);
            return all.stream();
        }
    }

    private static boolean isDocument(Path p) {
        return Files.isRegularFile(p) && !p.getFileName().toString().startsWith("expected");
    }

    /** One expected or actual finding, as expected-findings.json lists them. */
    record Row(String code, String severity, String field, String document, String text) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("dossiers")
    void reconcilesSampleDossierToItsExpectedFindings(Path folder) throws IOException {
        List<CanonicalDocument> documents = parse(folder);
        Agreement agreement = agreement();
        Map<String, String> fileOf = documents.stream()
                .collect(Collectors.toMap(
                        CanonicalDocument::documentId, d -> d.source().fileName()));
        JsonNode expected = CanonicalJson.mapper()
                .readTree(folder.resolve("expected-findings.json").toFile());

        List<Row> ruleRows = ruleFindings(documents, agreement);
        Files.createDirectories(Path.of("target", "dossier-findings"));
        CanonicalJson.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(
                        Path.of("target", "dossier-findings", folder.getFileName() + ".rules.json")
                                .toFile(),
                        ruleRows);
        assertThat(ruleRows)
                .as("agreement rule findings of %s", folder)
                .containsExactlyElementsOf(rows(expected, "rules"));
        List<Row> reconciled = new Reconciler()
                .reconcileByDocument(documents, agreement).stream()
                        .map(f -> new Row(
                                f.finding().code(),
                                f.finding().severity().name(),
                                f.finding().field(),
                                f.documentId() == null ? null : fileOf.get(f.documentId()),
                                f.finding().text()))
                        .toList();
        assertThat(reconciled)
                .as("dossier findings of %s", folder)
                .containsExactlyElementsOf(rows(expected, "dossier"));
    }

    /**
     * What the gateway's agreement checks say about each document, in file order: the rules on the document alone,
     * then, for an export declaration they let through, its count against quota and permits on a fresh database (the
     * dossier arrives alone, as on a new deployment).
     */
    private static List<Row> ruleFindings(List<CanonicalDocument> documents, Agreement agreement) {
        AllowanceLedger ledger = freshLedger();
        List<Row> rows = new ArrayList<>();
        for (CanonicalDocument d : documents) {
            List<Finding> findings = new ArrayList<>(RULES.check(d, agreement));
            if (findings.stream().noneMatch(Finding::isError)
                    && d.body() instanceof CustomsDeclaration declaration
                    && AgreementRules.isPakistanExport(declaration)) {
                findings.addAll(ledger.count(d, agreement));
            }
            findings.forEach(f -> rows.add(
                    new Row(f.code(), f.severity().name(), f.field(), d.source().fileName(), f.text())));
        }
        return rows;
    }

    /** The folder's documents, parsed and enriched as the gateway does before its agreement checks. */
    static List<CanonicalDocument> parse(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return parseFiles(
                    files.filter(SampleDossiersTest::isDocument).sorted().toList());
        }
    }

    /** These files' documents, in this order, parsed and enriched as {@link #parse(Path)} does. */
    static List<CanonicalDocument> parseFiles(List<Path> files) throws IOException {
        List<CanonicalDocument> documents = new ArrayList<>();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            String sha = Hashing.sha256Hex(content);
            for (CanonicalDocument d :
                    pipeline.reader().read(content, file.getFileName().toString(), sha, CorridorCli.idFor(sha))) {
                CanonicalDocument enriched = pipeline.enricher().enrich(d);
                // as the gateway files them: with the rules' findings (in a good dossier, warnings only)
                documents.add(enriched.withFindings(RULES.check(enriched, agreement())));
            }
        }
        return documents;
    }

    @Test
    void theQuotaSampleIsRefusedForItsTonnesWhateverWasCountedBefore() throws IOException {
        // the good copper shipment's declaration first (21.283 t), as in the README walk-through: the quota sample is
        // a declaration of its own, refused for exceeding the quota, not passed as one already counted
        AllowanceLedger ledger = freshLedger();
        Agreement agreement = agreement();
        CanonicalDocument good = declarationOf(DOSSIERS.resolve("CU-2025-0147"));
        CanonicalDocument tooMuch = declarationOf(DOSSIERS.resolve("BAD_quota_exceeded"));
        assertThat(ledger.count(good, agreement)).isEmpty();

        assertThat(ledger.count(tooMuch, agreement)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("QUOTA_EXCEEDED");
            assertThat(f.text())
                    .startsWith("Declaration PQEX-SB-0004502-10102025: quota CU-2025")
                    .contains("has 21.283 t used; this declaration's 45.605 t would bring it to 66.888 t");
        });
        assertThat(ledger.used(agreement.id(), AllowanceLedger.Kind.QUOTA, "CU-2025"))
                .isEqualByComparingTo("21.283");
    }

    private static CanonicalDocument declarationOf(Path folder) throws IOException {
        return parse(folder).stream()
                .filter(d -> d.body() instanceof CustomsDeclaration)
                .findFirst()
                .orElseThrow();
    }

    private static AllowanceLedger freshLedger() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:dossier-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new AllowanceLedger(
                new JdbcTemplate(database),
                new DataSourceTransactionManager(database),
                CLOCK,
                REFERENCE,
                TestAudit.on(database));
    }

    static Agreement agreement() {
        return AGREEMENT_FILES.readAll(Path.of("sample-docs", "agreements")).get(0);
    }

    private static List<Row> rows(JsonNode expected, String source) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode f : expected.get("findings")) {
            if (source.equals(f.path("source").asText())) {
                rows.add(new Row(
                        f.get("code").asText(),
                        f.get("severity").asText(),
                        f.hasNonNull("field") ? f.get("field").asText() : null,
                        f.hasNonNull("document") ? f.get("document").asText() : null,
                        f.get("text").asText()));
            }
        }
        return rows;
    }
}
