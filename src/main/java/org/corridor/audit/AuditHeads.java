package org.corridor.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.corridor.base.CorridorProperties;
import org.corridor.base.FileWrites;
import org.corridor.base.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each day's last audit entry, written once the day is over (UTC) to {@code <home>/audit/heads/YYYY-MM-DD.txt}, one
 * line {@code <date> <entry number> <hash> <time>}, so that it can be published or notarised elsewhere: whoever holds
 * a day's head can tell later whether the log up to that entry was rewritten, even with every hash recomputed. The
 * files are served at {@code /transparency/audit/heads} and checked by {@link AuditVerifier}. A day without entries
 * has no file.
 */
@Component
public class AuditHeads {

    private static final Logger LOG = LoggerFactory.getLogger(AuditHeads.class);

    /** A published head: the day, and the number, hash and time of that day's last entry. */
    public record Published(LocalDate date, long seq, String hash, Instant at) {

        /** The file's one line. */
        public String line() {
            return date + " " + seq + " " + hash + " " + AuditHashing.text(at) + "\n";
        }
    }

    private final JdbcTemplate jdbc;
    private final Path folder;
    private final Clock clock;
    /** In a cluster the leader writes the heads into the shared home (any node would write the same files). */
    private final Leadership leadership;

    @Autowired
    AuditHeads(JdbcTemplate jdbc, CorridorProperties properties, Clock clock, Leadership leadership) {
        this(jdbc, folderOf(properties.home()), clock, leadership);
    }

    private AuditHeads(JdbcTemplate jdbc, Path folder, Clock clock, Leadership leadership) {
        this.jdbc = jdbc;
        this.folder = folder;
        this.clock = clock;
        this.leadership = leadership;
    }

    /** Heads kept in this folder, for a check or a test outside a gateway (the other constructor is the gateway's). */
    public static AuditHeads in(JdbcTemplate jdbc, Path folder, Clock clock) {
        return new AuditHeads(jdbc, folder, clock, Leadership.ALONE);
    }

    /** Where a gateway with this home keeps its published heads. */
    public static Path folderOf(Path home) {
        return home.resolve("audit").resolve("heads");
    }

    /**
     * Writes the head of every day that is over and has entries but no file yet: at start, then every
     * {@code corridor.audit.heads-interval-ms} (a minute), so a day's head appears within a minute of midnight UTC.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${corridor.audit.heads-interval-ms:60000}")
    void writeClosedDaysIfLeader() {
        if (leadership.leads()) {
            writeClosedDays();
        }
    }

    /** Writes the head of every day that is over and has entries but no file yet. */
    public synchronized void writeClosedDays() {
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<Published> written = read(folder);
            LocalDate from;
            if (!written.isEmpty()) {
                from = written.get(written.size() - 1).date().plusDays(1);
            } else {
                Instant first = jdbc.queryForObject(
                        "SELECT MIN(recorded_at) FROM audit_log",
                        (rs, n) -> AuditLog.instant(rs.getObject(1, OffsetDateTime.class)));
                if (first == null) {
                    return;
                }
                from = LocalDate.ofInstant(first, ZoneOffset.UTC);
            }
            for (LocalDate day = from; day.isBefore(today); day = day.plusDays(1)) {
                headOf(day).ifPresent(this::write);
            }
        } catch (DataAccessException | UncheckedIOException e) {
            // the next run tries again; the heads only ever trail the log
            LOG.warn("Daily audit heads not written this time: {}", e.getMessage());
        }
    }

    /** The last entry recorded on this day (UTC), if any. */
    public Optional<Published> headOf(LocalDate day) {
        OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        return jdbc
                .query(
                        "SELECT seq, hash, recorded_at FROM audit_log WHERE recorded_at >= ? AND recorded_at < ?"
                                + " ORDER BY recorded_at DESC, seq DESC FETCH FIRST 1 ROWS ONLY",
                        (rs, n) -> new Published(
                                day,
                                rs.getLong(1),
                                rs.getString(2),
                                AuditLog.instant(rs.getObject(3, OffsetDateTime.class))),
                        start,
                        start.plusDays(1))
                .stream()
                .findFirst();
    }

    private void write(Published head) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(head.date() + ".txt");
            // written under a temporary name and renamed: a reader never sees half a head
            Path temporary = FileWrites.temporaryIn(folder);
            Files.writeString(temporary, head.line(), StandardCharsets.UTF_8);
            Files.move(
                    temporary,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Audit head of {}: entry #{} {}", head.date(), head.seq(), head.hash());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published heads in this gateway's folder, oldest first. */
    public List<Published> published() {
        return read(folder);
    }

    /** One day's file as written, if there is one. */
    public Optional<String> text(LocalDate day) {
        Path file = folder.resolve(day + ".txt");
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The heads in a folder of head files ({@code YYYY-MM-DD.txt}), oldest first; none when there is no folder. */
    public static List<Published> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Published> heads = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.txt"))
                    .sorted()
                    .toList()) {
                heads.add(parse(file, Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return heads;
    }

    private static Published parse(Path file, String text) {
        String[] parts = text.strip().split(" ");
        try {
            if (parts.length != 4) {
                throw new IllegalArgumentException("expected 4 fields");
            }
            return new Published(
                    LocalDate.parse(parts[0]), Long.parseLong(parts[1]), parts[2], Instant.parse(parts[3]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    file + ": not a head line \"<date> <entry number> <hash> <time>\": " + text.strip(), e);
        }
    }
}
