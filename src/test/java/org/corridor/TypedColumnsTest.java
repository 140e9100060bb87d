package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.corridor.base.CorridorProperties;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ShipmentReferences;
import org.corridor.dossier.DossierStatus;
import org.corridor.problem.Severity;
import org.corridor.rules.AllowanceLedger;
import org.corridor.settlement.SettlementCheck;
import org.corridor.settlement.SettlementState;
import org.corridor.support.TestPostgres;
import org.corridor.track.As2Messages;
import org.corridor.track.ControlNumbers;
import org.corridor.track.DeliveryStatus;
import org.corridor.track.DocumentStatus;
import org.corridor.track.Stage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statuses, stages and kinds are enums in Java, and the database holds them to the same names (V13's CHECKs): every
 * enum value is accepted, any other word refused, on H2 and on PostgreSQL. A status-like column that no enum guards
 * fails the coverage check, so a new one cannot slip in as free text.
 */
class TypedColumnsTest {

    /** Each guarded column and the enum whose names it holds. */
    private static final Map<String, Class<? extends Enum<?>>> GUARDED = new LinkedHashMap<>();

    static {
        GUARDED.put("documents.status", DocumentStatus.class);
        GUARDED.put("documents.kind", DocumentKind.class);
        GUARDED.put("events.stage", Stage.class);
        GUARDED.put("deliveries.status", DeliveryStatus.class);
        GUARDED.put("dossiers.status", DossierStatus.class);
        GUARDED.put("dossier_documents.outcome_status", DossierStatus.class);
        GUARDED.put("dossier_documents.kind", DocumentKind.class);
        GUARDED.put("dossier_pending.kind", DocumentKind.class);
        GUARDED.put("dossier_refs.ref_type", ShipmentReferences.Type.class);
        GUARDED.put("dossier_pending.ref_type", ShipmentReferences.Type.class);
        GUARDED.put("dossier_findings.severity", Severity.class);
        GUARDED.put("allowance_usage.allowance_kind", AllowanceLedger.Kind.class);
        GUARDED.put("allowance_count_lines.allowance_kind", AllowanceLedger.Kind.class);
        GUARDED.put("edi_control_numbers.level_name", ControlNumbers.Level.class);
        GUARDED.put("agreement_distribution.kind", DocumentKind.class);
        GUARDED.put("settlements.stage", SettlementState.Stage.class);
        GUARDED.put("settlements.state", SettlementState.State.class);
        GUARDED.put("settlement_checks.outcome", SettlementCheck.Outcome.class);
        GUARDED.put("as2_messages.state", As2Messages.State.class);
        GUARDED.put("as2_messages.direction", As2Messages.Direction.class);
    }

    /**
     * Status-like columns left as text on purpose, with why: what a partner's acknowledgement said (its own code
     * lists: CONTRL UCI action, 997/999 AK9, CUSRES) is recorded as the partner said it.
     */
    private static final Set<String> FREE_TEXT = Set.of("edi_interchanges.ack_status");

    /** Columns typed by V12 (formats and channels, see track.TypedFormatsAndChannelsTest): a valid value to fill. */
    private static final Map<String, String> TYPED_ELSEWHERE = Map.of(
            "deliveries.doc_format", OutputFormat.CANONICAL_JSON.name(),
            "agreement_distribution.doc_format", OutputFormat.CANONICAL_JSON.name(),
            "partners.channel", CorridorProperties.Channel.FOLDER.name());

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    static Stream<Arguments> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:typed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", TestPostgres.migrated()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyEnumValueIsAcceptedAndAnyOtherWordRefused(String name, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        for (Map.Entry<String, Class<? extends Enum<?>>> guarded : GUARDED.entrySet()) {
            String[] tableColumn = guarded.getKey().split("\\.");
            for (Enum<?> value : guarded.getValue().getEnumConstants()) {
                insert(jdbc, tableColumn[0], tableColumn[1], value.name());
            }
            assertThatThrownBy(() -> insert(jdbc, tableColumn[0], tableColumn[1], "BOGUS"))
                    .as(
                            "%s on %s refuses a word that is not a %s",
                            guarded.getKey(), name, guarded.getValue().getSimpleName())
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyStatusLikeColumnIsGuardedOrNamedAsFreeText(String name, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        List<String> statusLike = jdbc.queryForList("""
                SELECT LOWER(table_name) || '.' || LOWER(column_name) FROM information_schema.columns
                WHERE LOWER(table_schema) = 'public'""", String.class).stream()
                .filter(c -> c.matches(".*\\.(status|.*_status|stage|kind|.*_kind|ref_type|level_name|severity)"))
                .filter(c -> !c.startsWith("flyway_schema_history."))
                .sorted()
                .toList();
        assertThat(statusLike).as("status-like columns on %s", name).isNotEmpty();
        assertThat(statusLike)
                .allSatisfy(c -> assertThat(GUARDED.containsKey(c) || FREE_TEXT.contains(c))
                        .as("%s is guarded by an enum CHECK (V13) or named free text in this test", c)
                        .isTrue());
    }

    /** Inserts one row with {@code value} in the column and a plausible value in every other required one. */
    private static void insert(JdbcTemplate jdbc, String table, String column, String value) {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT LOWER(column_name) AS name, LOWER(data_type) AS type, is_nullable, is_identity,
                       character_maximum_length AS length, column_default
                FROM information_schema.columns
                WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) = ?
                ORDER BY ordinal_position""", table);
        assertThat(columns).as("table %s", table).isNotEmpty();
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> c : columns) {
            String name = (String) c.get("name");
            boolean required = "NO".equalsIgnoreCase(String.valueOf(c.get("is_nullable")));
            boolean generated =
                    "YES".equalsIgnoreCase(String.valueOf(c.get("is_identity"))) || c.get("column_default") != null;
            if (name.equals(column)) {
                names.add(name);
                values.add(value);
            } else if (required && !generated) {
                names.add(name);
                values.add(plausible(table + "." + name, String.valueOf(c.get("type")), c.get("length")));
            }
        }
        jdbc.update(
                "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                        + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")",
                values.toArray());
    }

    private static Object plausible(String column, String type, Object length) {
        Class<? extends Enum<?>> guarded = GUARDED.get(column);
        if (guarded != null) {
            return guarded.getEnumConstants()[0].name();
        }
        if (TYPED_ELSEWHERE.containsKey(column)) {
            return TYPED_ELSEWHERE.get(column);
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("char") || t.contains("text") || t.contains("clob")) {
            String unique = "v" + UNIQUE.incrementAndGet();
            int max = length == null ? unique.length() : Math.min(unique.length(), ((Number) length).intValue());
            return unique.substring(unique.length() - max);
        }
        if (t.contains("timestamp")) {
            return Timestamp.from(Instant.now());
        }
        if (t.equals("date")) {
            return Date.valueOf(LocalDate.now());
        }
        if (t.contains("binary") || t.contains("bytea") || t.contains("blob")) {
            return new byte[] {1};
        }
        if (t.contains("bool")) {
            return true;
        }
        if (Arrays.asList("integer", "bigint", "smallint", "numeric", "decimal", "double precision", "real").stream()
                .anyMatch(t::startsWith)) {
            return UNIQUE.incrementAndGet();
        }
        throw new IllegalStateException(column + ": no plausible value for type " + type);
    }
}
