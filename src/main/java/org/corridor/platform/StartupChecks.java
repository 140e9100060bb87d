package org.corridor.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corridor.CorridorApplication;
import org.corridor.base.CorridorProperties;
import org.corridor.partner.InvalidPartnerException;
import org.corridor.partner.PartnerStartCheck;
import org.corridor.track.H2Files;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks what can be checked from the configuration alone, once it is known and before anything starts (no banner,
 * no log line yet): the route folders exist, no other process holds the embedded database, and every partner file is
 * valid and has its secrets set. A fault stops
 * the start with a {@link StartupRefusedException}, printed as the first line of the output. The same faults found
 * later, by the components themselves, still stop the start; they are then reported after Spring's own lines.
 *
 * <p>Added by {@link CorridorApplication#main} (the jar, {@code mvn spring-boot:run}), not to test contexts, whose
 * dynamic properties are set only after this event.
 */
public class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** Runs every check; throws {@link StartupRefusedException} for the first fault. */
    static void check(ConfigurableEnvironment environment) {
        checkRouteFolders(environment);
        checkCluster(environment);
        checkDatabaseFree(environment);
        Binder binder = Binder.get(environment);
        List<Path> partnerFolders = binder.bind("corridor.partner-folders", Bindable.listOf(Path.class))
                .orElse(List.of());
        Map<String, CorridorProperties.Partner> overrides = binder.bind(
                        "corridor.partners", Bindable.mapOf(String.class, CorridorProperties.Partner.class))
                .orElse(Map.of());
        try {
            PartnerStartCheck.check(partnerFolders, overrides, environment);
        } catch (InvalidPartnerException e) {
            throw new StartupRefusedException(e.getMessage(), e);
        }
    }

    /** Every folder {@code camel.main.routes-include-pattern} names on the file system must exist. */
    private static void checkRouteFolders(ConfigurableEnvironment environment) {
        String patterns = environment.getProperty("camel.main.routes-include-pattern", "");
        List<String> missing = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String p = pattern.strip();
            if (!p.startsWith("file:") || p.lastIndexOf('/') < 0) {
                continue;
            }
            Path folder = Path.of(p.substring("file:".length(), p.lastIndexOf('/')));
            if (!Files.isDirectory(folder)) {
                missing.add(folder.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupRefusedException("the route folder" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (missing.size() > 1 ? " do" : " does")
                    + " not exist (corridor.routes"
                    + " is " + environment.getProperty("corridor.routes") + "; it must hold the folders"
                    + " camel.main.routes-include-pattern names)");
        }
    }

    /**
     * A cluster node (profile {@code cluster}) shares a PostgreSQL database and an external broker with the others: an
     * H2 file or an embedded broker would be a node's own, and the nodes would silently split the work between
     * stores that never meet.
     */
    static void checkCluster(ConfigurableEnvironment environment) {
        if (!environment.getProperty("corridor.cluster.enabled", Boolean.class, false)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupRefusedException(
                    "cluster mode (corridor.cluster.enabled) needs the nodes' shared PostgreSQL"
                            + " database: set SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/corridor (and"
                            + " SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD); spring.datasource.url is "
                            + (url.isBlank() ? "not set" : url.replaceAll("password=[^;&]*", "password=***")));
        }
        if (!"native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode", ""))
                || environment.getProperty("spring.artemis.embedded.enabled", Boolean.class, true)
                || environment.getProperty("spring.artemis.broker-url", "").isBlank()) {
            throw new StartupRefusedException("cluster mode (corridor.cluster.enabled) needs the nodes' shared Artemis"
                    + " broker: run with the profile cluster (SPRING_PROFILES_ACTIVE=cluster) and set"
                    + " SPRING_ARTEMIS_BROKER_URL=tcp://host:61616 (and SPRING_ARTEMIS_USER, SPRING_ARTEMIS_PASSWORD)");
        }
    }

    /**
     * The embedded H2 database file must not be held by another process: a second gateway on the same home would
     * otherwise fail deep in its start with a long trace (and its broker would wait forever for the journal's lock).
     */
    private static void checkDatabaseFree(ConfigurableEnvironment environment) {
        Path file =
                H2Files.of(environment.getProperty("spring.datasource.url", "")).orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        boolean inUse;
        try {
            inUse = !TrackingStoreRecovery.released(file);
        } catch (IOException e) {
            throw new StartupRefusedException("the database " + file + " cannot be opened: " + e.getMessage(), e);
        }
        if (inUse) {
            throw new StartupRefusedException("the database " + file + " is in use by another process: is a gateway"
                    + " already running with corridor.home=" + environment.getProperty("corridor.home") + "?");
        }
    }

    /** After Spring Boot has read the configuration and set up logging, before the banner. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 21;
    }
}
