package org.corridor.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Defaults for the two folders the gateway needs from the project: {@code corridor.routes} (the route YAML) and
 * {@code corridor.samples} (the sample agreements and partner files). Each is the working directory's {@code routes/}
 * or {@code sample-docs/} when it exists there, else the jar's copy ({@link BundledDefaults}), so the jar starts from
 * any directory. Added last: any setting (command line, environment variable, application.yaml) wins.
 */
public class DefaultLocations implements EnvironmentPostProcessor {

    /** {@code corridor.routes} to the folder name in the working directory and in the jar. */
    static final Map<String, String> FOLDERS = Map.of("corridor.routes", "routes", "corridor.samples", "sample-docs");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Source());
    }

    /** Answers only for its two names, and looks at the disk (or the jar) only when asked. */
    private static final class Source extends PropertySource<Object> {

        private final Map<String, String> resolved = new ConcurrentHashMap<>();

        Source() {
            super("corridorDefaultLocations", new Object());
        }

        @Override
        public Object getProperty(String name) {
            String folder = FOLDERS.get(name);
            return folder == null
                    ? null
                    : resolved.computeIfAbsent(
                            name, n -> BundledDefaults.workingOrBundled(folder).toString());
        }
    }
}
