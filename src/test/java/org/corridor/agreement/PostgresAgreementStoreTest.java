package org.corridor.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.corridor.audit.TestAudit;
import org.corridor.base.CorridorProperties;
import org.corridor.canonical.DocumentKind;
import org.corridor.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agreements loaded into a real PostgreSQL: normalised rows for queries, the whole agreement for enrichment, and the
 * refusal of a broken file. Reloading while running is tested on PostgreSQL and H2 in {@link AgreementReloadTest}.
 */
class PostgresAgreementStoreTest {

    @TempDir
    Path folder;

    @Test
    void loadsSampleAgreementAndKeepsInForceVersionWhenAFileIsBroken() throws IOException {
        DataSource ds = TestPostgres.migrated();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Files.copy(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"), folder.resolve("PK-US-CM-2025.yaml"));
        Files.writeString(folder.resolve("broken.yaml"), "id: BROKEN\nversion: 1\nsurprise: true\n");
        CorridorProperties properties = new CorridorProperties(folder, List.of(folder), null, null, Map.of());
        AgreementStore store = new AgreementStore(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                properties,
                Clock.systemUTC(),
                REFERENCE,
                TestAudit.on(ds));

        store.loadAtStart();
        store.loadAtStart();

        Agreement agreement = store.find("PK-US-CM-2025").orElseThrow();
        assertThat(agreement.recipientsOf(DocumentKind.ASSAY_CERTIFICATE))
                .extracting(Agreement.Distribution::partner)
                .containsExactly("USSMUS", "FWOPK");
        assertThat(agreement.inForceOn(LocalDate.of(2025, 10, 6))).isTrue();
        assertThat(store.find("BROKEN")).isEmpty();
        assertThat(store.refusals())
                .filteredOn(r -> r.file().endsWith("broken.yaml")
                        && r.file()
                                .startsWith(folder.toAbsolutePath().normalize().toString()))
                .extracting(AgreementStore.Refusal::reason)
                .containsExactly("broken.yaml: unknown field \"surprise\" at line 3");
        assertThat(store.versions("PK-US-CM-2025"))
                .extracting(Agreement::version)
                .containsExactly(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM agreements WHERE agreement_id = 'PK-US-CM-2025'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "SELECT locode FROM agreement_ports WHERE agreement_id = 'PK-US-CM-2025'"
                                + " AND port_role = 'LOADING' ORDER BY locode",
                        String.class))
                .containsExactly("PKBQM", "PKGWD", "PKKHI");
        assertThat(jdbc.queryForList(
                        "SELECT id_value FROM agreement_party_ids WHERE party_id = 'KHILAB'" + " ORDER BY scheme",
                        String.class))
                .containsExactly("KHILAB", "PNAC-TL-0417");
        assertThat(jdbc.queryForObject(
                        "SELECT hs_export FROM agreement_commodities WHERE commodity = 'CU_CONC'", String.class))
                .isEqualTo("260300");
    }
}
