package org.corridor.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.corridor.base.AckFormat;
import org.corridor.base.CorridorProperties.Channel;
import org.corridor.base.OutputFormat;
import org.corridor.support.TestH2;
import org.corridor.support.TestPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The columns that hold an output format or a delivery channel take every value of the Java enums and nothing else
 * (V12__typed_formats_channels.sql), on H2 and on PostgreSQL alike.
 */
class TypedFormatsAndChannelsTest {

    /** What a delivery's format is besides an output format: the acknowledgements the gateway sends back. */
    private static final List<String> ACKNOWLEDGEMENTS =
            Arrays.stream(AckFormat.values()).map(AckFormat::label).toList();

    static Stream<Arguments> databases() {
        JdbcDataSource h2 = TestH2.migrated("jdbc:h2:mem:typed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", TestPostgres.migrated()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agreementDistributionTakesEveryOutputFormatAndRefusesAnUnknownOne(String name, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String agreement = "A-" + UUID.randomUUID();
        int partner = 0;
        for (OutputFormat format : OutputFormat.values()) {
            jdbc.update(
                    "INSERT INTO agreement_distribution (agreement_id, version, kind, partner_id, doc_format)"
                            + " VALUES (?, 1, 'INVOICE', ?, ?)",
                    agreement,
                    "P" + partner++,
                    format.name());
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM agreement_distribution WHERE agreement_id = ?", Integer.class, agreement))
                .isEqualTo(OutputFormat.values().length);

        assertThatThrownBy(() -> jdbc.update(
                        "INSERT INTO agreement_distribution (agreement_id, version, kind,"
                                + " partner_id, doc_format) VALUES (?, 1, 'INVOICE', 'PX', 'PDF')",
                        agreement))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update(
                        "INSERT INTO agreement_distribution (agreement_id, version, kind,"
                                + " partner_id, doc_format) VALUES (?, 1, 'INVOICE', 'PY', 'CONTRL')",
                        agreement))
                .as("an acknowledgement is not a format an agreement distributes in")
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void deliveriesTakeEveryFormatAndChannelAndRefuseUnknownOnes(String name, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String document = "D-" + UUID.randomUUID();
        List<String> formats =
                new ArrayList<>(Stream.of(OutputFormat.values()).map(Enum::name).toList());
        formats.addAll(ACKNOWLEDGEMENTS);
        Channel[] channels = Channel.values();
        for (int i = 0; i < formats.size(); i++) {
            insertDelivery(jdbc, document, "P" + i, formats.get(i), channels[i % channels.length].name());
        }
        insertDelivery(jdbc, document, "P-NOT-YET-SENT", "CANONICAL_JSON", null);
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT channel FROM deliveries WHERE document_id = ?", String.class, document))
                .containsAll(Stream.of(channels).map(Enum::name).toList());

        assertThatThrownBy(() -> insertDelivery(jdbc, document, "PX", "PDF", "FOLDER"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertDelivery(jdbc, document, "PY", "CANONICAL_JSON", "FAX"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void partnersTakeEveryChannelAndRefuseAnUnknownOne(String name, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        for (Channel channel : Channel.values()) {
            insertPartner(jdbc, "P-" + UUID.randomUUID(), channel.name());
        }
        assertThatThrownBy(() -> insertPartner(jdbc, "P-" + UUID.randomUUID(), "FAX"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private static void insertDelivery(
            JdbcTemplate jdbc, String document, String partner, String format, String channel) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO deliveries (document_id, partner_id, doc_format, channel, status, attempts,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                document,
                partner,
                format,
                channel,
                now,
                now);
    }

    private static void insertPartner(JdbcTemplate jdbc, String id, String channel) {
        jdbc.update(
                "INSERT INTO partners (partner_id, name, channel, content, loaded_at) VALUES (?, ?, ?, '{}', ?)",
                id,
                id,
                channel,
                Timestamp.from(Instant.now()));
    }
}
