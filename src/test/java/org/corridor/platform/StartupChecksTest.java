package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.corridor.partner.InvalidPartnerException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.mock.env.MockEnvironment;

/** Faults the configuration alone shows stop the start before anything runs, in one line that names the fix. */
class StartupChecksTest {

    @TempDir
    Path home;

    private final MockEnvironment environment = new MockEnvironment();

    @BeforeEach
    void configuration() throws IOException {
        Files.createDirectories(home.resolve("partners"));
        environment.setProperty(
                "corridor.routes", Path.of("routes").toAbsolutePath().toString());
        environment.setProperty(
                "camel.main.routes-include-pattern",
                "file:${corridor.routes}/shared/*.camel.yaml,file:${corridor.routes}/intake/*.camel.yaml");
        environment.setProperty("corridor.partner-folders[0]", "sample-docs/partners");
        environment.setProperty(
                "corridor.partner-folders[1]", home.resolve("partners").toString());
    }

    @Test
    void passesTheSampleConfiguration() {
        assertThatCode(() -> StartupChecks.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void refusesAPartnerFileNamingASecretNobodySet() throws IOException {
        writeBuyerWithToken();

        assertThatThrownBy(() -> StartupChecks.check(environment))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith(home.resolve("partners/USSMUS.yaml") + ": field \"auth.secretProperty\" names"
                        + " TEST_USSMUS_TOKEN, which is not set");

        environment.setProperty("TEST_USSMUS_TOKEN", "t-123");
        assertThatCode(() -> StartupChecks.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void aPasswordSetForThePartnerStandsInForThePropertyItsFileNames() throws IOException {
        Files.writeString(home.resolve("partners/USBROKER.yaml"), """
                id: USBROKER
                name: Gulf Coast Customs Brokerage
                endpoint: { channel: SFTP, url: "sftp://sftp.example:22", username: corridor,
                            passwordProperty: TEST_BROKER_PASSWORD }
                """);
        assertThatThrownBy(() -> StartupChecks.check(environment))
                .hasMessageContaining("field \"endpoint.passwordProperty\" names TEST_BROKER_PASSWORD");

        environment.setProperty("corridor.partners.usbroker.password", "pw");
        assertThatCode(() -> StartupChecks.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnInvalidPartnerFileNamingTheField() throws IOException {
        Files.writeString(home.resolve("partners/ACME.yaml"), "id: ACME\nname: Acme\nendpoint: { channel: PIGEON }\n");

        assertThatThrownBy(() -> StartupChecks.check(environment))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("ACME.yaml")
                .hasMessageContaining("endpoint.channel");
    }

    @Test
    void refusesARouteFolderThatDoesNotExist() {
        environment.setProperty("corridor.routes", home.resolve("routes").toString());

        assertThatThrownBy(() -> StartupChecks.check(environment))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessage("the route folders " + home.resolve("routes/shared") + ", " + home.resolve("routes/intake")
                        + " do not exist (corridor.routes is " + home.resolve("routes") + "; it must hold the folders"
                        + " camel.main.routes-include-pattern names)");
    }

    @Test
    void aClusterNodeNeedsTheSharedPostgresAndTheExternalBroker() {
        environment.setProperty("corridor.cluster.enabled", "true");
        environment.setProperty("spring.datasource.url", "jdbc:h2:file:" + home.resolve("db/corridor"));
        assertThatThrownBy(() -> StartupChecks.check(environment))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith("cluster mode (corridor.cluster.enabled) needs the nodes' shared PostgreSQL"
                        + " database: set SPRING_DATASOURCE_URL=jdbc:postgresql://");

        environment.setProperty("spring.datasource.url", "jdbc:postgresql://db:5432/corridor");
        assertThatThrownBy(() -> StartupChecks.check(environment))
                .hasMessageStartingWith("cluster mode (corridor.cluster.enabled) needs the nodes' shared Artemis"
                        + " broker: run with the profile cluster");

        environment.setProperty("spring.artemis.mode", "native");
        environment.setProperty("spring.artemis.embedded.enabled", "false");
        environment.setProperty("spring.artemis.broker-url", "tcp://broker:61616");
        assertThatCode(() -> StartupChecks.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void refusesADatabaseAnotherProcessHolds() throws IOException {
        Path database = home.resolve("db/corridor.mv.db");
        Files.createDirectories(database.getParent());
        Files.write(database, new byte[16]);
        environment.setProperty("corridor.home", home.toString());
        environment.setProperty("spring.datasource.url", "jdbc:h2:file:${corridor.home}/db/corridor;CACHE_SIZE=16384");
        assertThatCode(() -> StartupChecks.check(environment)).doesNotThrowAnyException();

        // as a running gateway's H2 holds it
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> StartupChecks.check(environment))
                    .isInstanceOf(StartupRefusedException.class)
                    .hasMessage("the database " + database + " is in use by another process: is a gateway already"
                            + " running with corridor.home=" + home + "?");
        }
    }

    @Test
    void reportsARefusedStartInOneLineWithoutATrace() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StartupFailureReporter reporter =
                new StartupFailureReporter(new PrintStream(printed, true, StandardCharsets.UTF_8));

        // as the partner registry's own check arrives when it fails while the context starts: wrapped by Spring
        boolean reported = reporter.reportException(new BeanCreationException(
                "partnerRegistry",
                "failed",
                new InvalidPartnerException("USSMUS.yaml: field \"auth.secretProperty\" names X, which is not set")));

        assertThat(reported).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("corridor: cannot start: USSMUS.yaml: field"
                        + " \"auth.secretProperty\" names X, which is not set" + System.lineSeparator());
        assertThat(reporter.reportException(new IllegalStateException("port 8080 in use")))
                .isFalse();
    }

    private void writeBuyerWithToken() throws IOException {
        Files.writeString(home.resolve("partners/USSMUS.yaml"), """
                id: USSMUS
                name: US Strategic Metals
                endpoint: { channel: HTTP, url: "https://ussm.example/in" }
                auth: { type: bearer, secretProperty: TEST_USSMUS_TOKEN }
                """);
    }
}
