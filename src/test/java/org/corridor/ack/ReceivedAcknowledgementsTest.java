package org.corridor.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.Source;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.corridor.track.Interchanges;
import org.corridor.track.TestTracking;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Only the partner an interchange was sent to may acknowledge it, whatever its envelope says. */
class ReceivedAcknowledgementsTest {

    private JdbcTemplate jdbc;
    private ReceivedAcknowledgements acknowledgements;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:acks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(h2);
        Interchanges interchanges = new Interchanges(jdbc, Clock.systemUTC());
        acknowledgements = new ReceivedAcknowledgements(interchanges, TestTracking.store(h2, Clock.systemUTC()));
        TestTracking.routed(TestTracking.store(h2, Clock.systemUTC()), "D-INV", "USSMUS");
        interchanges.sent("EDIFACT", "CORRIDOR", "USSMUS", "42", "D-INV", "USSMUS");
    }

    private static CanonicalDocument contrl(String envelopeSender) {
        return CanonicalDocument.of(
                "D-ACK",
                new Source("EDIFACT", "CONTRL", "D:3", envelopeSender, "CORRIDOR", "X1", "1", "contrl.edi", null),
                new Acknowledgement("EDIFACT", "CONTRL", "42", List.of("1"), "ACCEPTED", List.of()));
    }

    private String ackStatus() {
        return jdbc.queryForObject(
                "SELECT ack_status FROM edi_interchanges WHERE direction = 'OUT'" + " AND control_ref = '42'",
                String.class);
    }

    @Test
    void anAcknowledgementFromAnotherPartnerIsRefusedAndChangesNothing() {
        CanonicalDocument forged = contrl("USSMUS");

        assertThatThrownBy(() -> acknowledgements.received(forged, (Acknowledgement) forged.body(), "OCEANCAR"))
                .isInstanceOf(RejectedException.class)
                .satisfies(e ->
                        assertThat(((RejectedException) e).problem().code()).isEqualTo(ErrorCode.NOT_AUTHORIZED_SENDER))
                .hasMessageContaining("which Corridor sent to USSMUS, not to OCEANCAR");
        assertThat(ackStatus()).isNull();
    }

    @Test
    void thePartnerItWasSentToAcknowledgesIt() {
        CanonicalDocument genuine = contrl("USSMUS");

        assertThat(acknowledgements.received(genuine, (Acknowledgement) genuine.body(), "USSMUS"))
                .contains("ACKNOWLEDGED");
        assertThat(ackStatus()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void fromStaffIntakeTheEnvelopeIsTakenAtItsWord() {
        CanonicalDocument dropped = contrl("USSMUS");

        assertThat(acknowledgements.received(dropped, (Acknowledgement) dropped.body(), null))
                .contains("ACKNOWLEDGED");
    }
}
