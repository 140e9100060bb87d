package org.corridor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.corridor.base.FolderLayout;
import org.corridor.platform.StartupRefusedException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The console's users and logins without a server: the generated first admin (a password written once to the home,
 * never logged, the same after a restart, retired by configured users), configured hashes checked at start, the
 * throttle of failed logins, and where a login may send the browser afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class StaffAccessTest {

    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final StaffSettings.Logins LOGINS =
            new StaffSettings.Logins(3, Duration.ofSeconds(30), Duration.ofMinutes(2));

    @Test
    void theFirstStartCreatesAnAdminWhosePasswordIsOnlyInTheHomeAndKeptAcrossRestarts(CapturedOutput output)
            throws Exception {
        Path home =
                Path.of("target", "test-homes", "staff-" + UUID.randomUUID()).toAbsolutePath();
        JdbcTemplate jdbc = database();

        StaffUsers first = users(Map.of(), jdbc, home);
        Path file = home.resolve(StaffUsers.INITIAL_PASSWORD_FILE);
        String password = Files.readString(file).strip();

        assertThat(password).hasSize(24);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(ENCODER.matches(password, first.find("admin").orElseThrow().getPassword()))
                .isTrue();
        assertThat(first.find("admin").orElseThrow().getAuthorities())
                .extracting(Object::toString)
                .contains("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");
        assertThat(output.getAll()).contains(StaffUsers.INITIAL_PASSWORD_FILE).doesNotContain(password);

        StaffUsers restarted = users(Map.of(), jdbc, home);
        assertThat(Files.readString(file).strip()).as("not written again").isEqualTo(password);
        assertThat(ENCODER.matches(
                        password, restarted.find("admin").orElseThrow().getPassword()))
                .isTrue();

        StaffUsers configured = users(
                Map.of("Amina", new StaffSettings.User(StaffRole.OPERATOR, ENCODER.encode("amina-password"))),
                jdbc,
                home);
        assertThat(configured.find("admin"))
                .as("configured users retire the generated one")
                .isEmpty();
        assertThat(configured.find("amina")).isPresent();
    }

    @Test
    void aConfiguredPasswordThatIsNoBcryptHashStopsTheStartAndSaysHowToMakeOne() {
        Path home =
                Path.of("target", "test-homes", "staff-" + UUID.randomUUID()).toAbsolutePath();

        assertThatThrownBy(() ->
                        users(Map.of("bob", new StaffSettings.User(StaffRole.VIEWER, "plain-text")), database(), home))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("corridor.users.bob.password-hash is not a bcrypt hash")
                .hasMessageContaining("users hash")
                .hasMessageNotContaining("plain-text");
    }

    @Test
    void failedLoginsLockTheNameAndTheAddressForADoublingWhileAndSuccessClearsTheName() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle =
                new LoginThrottle(new StaffSettings(Map.of(), LOGINS), clock, new SimpleMeterRegistry());

        throttle.failed("olga", "10.0.0.1");
        throttle.failed("olga", "10.0.0.1");
        assertThat(throttle.lockedFor("olga", "10.0.0.1")).isEmpty();
        throttle.failed("olga", "10.0.0.1");
        assertThat(throttle.lockedFor("olga", "10.0.0.9")).hasValue(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("someone", "10.0.0.1"))
                .as("the address too")
                .isPresent();

        clock.now = clock.now.plusSeconds(31);
        assertThat(throttle.lockedFor("olga", "10.0.0.9")).isEmpty();
        throttle.failed("olga", "10.0.0.1");
        assertThat(throttle.lockedFor("olga", "10.0.0.9")).hasValue(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            throttle.failed("olga", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("olga", "10.0.0.9"))
                .as("at most max-lock")
                .hasValue(Duration.ofMinutes(2));

        throttle.succeeded("olga");
        assertThat(throttle.lockedFor("olga", "10.0.0.9")).isEmpty();
    }

    @Test
    void afterLoggingInTheBrowserGoesOnlyToAPageOfOurOwn() {
        assertThat(WebSecurity.next("/documents/D-1?x=1")).isEqualTo("/documents/D-1?x=1");
        assertThat(WebSecurity.next(null)).isEqualTo("/");
        assertThat(WebSecurity.next("https://evil.example/")).isEqualTo("/");
        assertThat(WebSecurity.next("//evil.example/")).isEqualTo("/");
        assertThat(WebSecurity.next("/\\evil.example")).isEqualTo("/");
        assertThat(WebSecurity.next("/login?error")).isEqualTo("/");
    }

    private static StaffUsers users(Map<String, StaffSettings.User> configured, JdbcTemplate jdbc, Path home) {
        FolderLayout folders = Mockito.mock(FolderLayout.class);
        Mockito.when(folders.home()).thenReturn(home);
        return new StaffUsers(new StaffSettings(configured, LOGINS), jdbc, folders, ENCODER, Clock.systemUTC());
    }

    private static JdbcTemplate database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:staff-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration", "classpath:db/vendor/h2")
                .load()
                .migrate();
        return new JdbcTemplate(h2);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
