package org.corridor.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.corridor.base.FolderLayout;
import org.corridor.platform.StartupRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The people who may log in to the console: the users configured in {@code corridor.users} (name, role, bcrypt hash),
 * or, while none is configured, one {@code admin} the first start creates with a random password, like Jenkins does.
 * That password is written once, readable by the gateway's user only, to {@code initial-admin-password} in the
 * gateway's home, and never to the log; its hash is kept in the database ({@code staff_users}), so the same password
 * works after a restart. Configuring any user retires the generated one.
 */
@Component
public class StaffUsers {

    /** The file under corridor.home that holds the generated admin's password. */
    public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
    /** The generated admin's name. */
    public static final String INITIAL_ADMIN = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(StaffUsers.class);
    private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** A staff user as the console shows it to admins: name, role, and where it comes from. */
    public record Staff(String name, StaffRole role, String source) {}

    private final Map<String, Stored> users;

    private record Stored(StaffRole role, String hash, String source) {}

    StaffUsers(StaffSettings settings, JdbcTemplate jdbc, FolderLayout folders, PasswordEncoder encoder, Clock clock) {
        Map<String, Stored> found = new LinkedHashMap<>();
        settings.users().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String name = e.getKey().strip().toLowerCase(Locale.ROOT);
            String hash = e.getValue().passwordHash().strip();
            if (!BCRYPT.matcher(hash).matches()) {
                throw new StartupRefusedException(
                        "corridor.users." + e.getKey() + ".password-hash is not a bcrypt"
                                + " hash ($2a$10$ followed by 53 characters); make one with: java -jar corridor.jar users hash");
            }
            found.put(name, new Stored(e.getValue().role(), hash.replace("{bcrypt}", ""), "configuration"));
        });
        if (found.isEmpty()) {
            found.put(
                    INITIAL_ADMIN,
                    new Stored(
                            StaffRole.ADMIN,
                            initialAdminHash(jdbc, folders.home(), encoder, clock),
                            "generated at first start"));
        }
        this.users = Map.copyOf(found);
    }

    /** The user's login details (its authorities include those of the roles below its own), if there is one. */
    public Optional<UserDetails> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Stored s = users.get(username.strip().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(s)
                .map(u -> User.withUsername(username.strip().toLowerCase(Locale.ROOT))
                        .password(u.hash())
                        .authorities(u.role().authorities())
                        .build());
    }

    /** Every user, by name. */
    public List<Staff> all() {
        return users.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e ->
                        new Staff(e.getKey(), e.getValue().role(), e.getValue().source()))
                .toList();
    }

    /**
     * The generated admin's hash: the one kept from an earlier start, or a new random password whose hash is kept and
     * whose text goes to the password file (only there).
     */
    private static String initialAdminHash(JdbcTemplate jdbc, Path home, PasswordEncoder encoder, Clock clock) {
        List<String> kept = jdbc.queryForList(
                "SELECT password_hash FROM staff_users WHERE username = ?", String.class, INITIAL_ADMIN);
        Path file = home.resolve(INITIAL_PASSWORD_FILE);
        if (!kept.isEmpty()) {
            return kept.get(0);
        }
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String hash = encoder.encode(password);
        try {
            Files.createDirectories(home);
            if (Files.exists(file)) {
                // left from a database that is gone: its password opens nothing any more
                Files.delete(file);
            }
            writeOwnerOnly(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        jdbc.update(
                "INSERT INTO staff_users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                INITIAL_ADMIN,
                hash,
                StaffRole.ADMIN.name(),
                Timestamp.from(Instant.now(clock)));
        LOG.warn(
                "No staff user is configured (corridor.users): created user '{}' with a random password, written to {}"
                        + " (readable by this user only). Log in at /login, then configure your own users.",
                INITIAL_ADMIN,
                file);
        return hash;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
