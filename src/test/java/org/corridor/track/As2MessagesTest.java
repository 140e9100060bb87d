package org.corridor.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.corridor.support.TestH2;
import org.corridor.support.TestPostgres;
import org.corridor.track.As2Messages.Direction;
import org.corridor.track.As2Messages.Message;
import org.corridor.track.As2Messages.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link As2Messages} on H2 and PostgreSQL: one row per direction, partner and Message-ID; one settler per message. */
class As2MessagesTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", TestH2.migrated("jdbc:h2:mem:as2-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")),
                Arguments.of("PostgreSQL", TestPostgres.migrated()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMessageIsRecordedOnceAndSettledOnce(String name, DataSource ds) {
        As2Messages messages = new As2Messages(new JdbcTemplate(ds));
        String id = "<" + UUID.randomUUID() + "@corridor.example>";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] content = "UNA:+.? 'UNB+UNOC:3+PK+US'".getBytes();
        Message sent = new Message(
                Direction.OUT,
                "USSMUS",
                id,
                State.AWAITING_RECEIPT,
                "a".repeat(64),
                "mic==",
                "sha-256",
                null,
                "D-1",
                1,
                "INVOIC.edi",
                "application/edifact",
                content,
                now,
                null,
                now.plus(Duration.ofMinutes(10)));

        assertThat(messages.add(sent)).isTrue();
        assertThat(messages.add(sent)).as("the same message again").isFalse();
        assertThat(messages.add(new Message(
                        Direction.IN,
                        "USSMUS",
                        id,
                        State.ACCEPTED,
                        "b".repeat(64),
                        null,
                        null,
                        "processed",
                        "D-2",
                        1,
                        null,
                        null,
                        null,
                        now,
                        now,
                        null)))
                .as("the same id the other way is another message")
                .isTrue();
        assertThat(messages.find(Direction.OUT, "USSMUS", id)).get().satisfies(m -> {
            assertThat(m.content()).isEqualTo(content);
            assertThat(m.state()).isEqualTo(State.AWAITING_RECEIPT);
            assertThat(m.dueAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        });

        assertThat(messages.overdue(now)).extracting(Message::messageId).doesNotContain(id);
        assertThat(messages.overdue(now.plus(Duration.ofHours(1))))
                .filteredOn(m -> m.messageId().equals(id))
                .singleElement()
                .satisfies(m ->
                        assertThat(m.content()).as("listed without content").isNull());

        assertThat(messages.settle(
                        Direction.OUT, "USSMUS", id, State.AWAITING_RECEIPT, State.DELIVERED, "processed", now))
                .isTrue();
        assertThat(messages.settle(Direction.OUT, "USSMUS", id, State.AWAITING_RECEIPT, State.FAILED, "overdue", now))
                .as("the overdue check comes second and finds it settled")
                .isFalse();
        assertThat(messages.find(Direction.OUT, "USSMUS", id))
                .get()
                .extracting(Message::state, Message::disposition)
                .containsExactly(State.DELIVERED, "processed");
        assertThat(messages.ofDocument("D-1")).extracting(Message::messageId).containsExactly(id);
    }
}
