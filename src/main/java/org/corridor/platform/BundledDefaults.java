package org.corridor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The routes and the sample agreements and partner files the jar carries (copied under {@code bundled/} by the build),
 * so that the gateway and the command line run from any directory. A {@code routes/} or {@code sample-docs/} folder
 * in the working directory takes their place, as when running from the project folder.
 *
 * <p>Everything that reads these folders reads files, so a copy inside a jar is first written to a temporary folder
 * (removed when the process ends); from {@code target/classes} (tests, an IDE) the folder is used as it is.
 */
public final class BundledDefaults {

    /** The folder the build copies the defaults to, on the classpath. */
    static final String ROOT = "bundled";

    private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();
    private static Path extracted;

    private BundledDefaults() {}

    /**
     * {@code name} ({@code routes}, {@code sample-docs}) in the working directory when it is a folder there, else the
     * jar's copy of it.
     */
    public static Path workingOrBundled(String name) {
        return inOrBundled(Path.of(System.getProperty("user.dir")), name);
    }

    /** {@code name} in {@code directory} when it is a folder there, else the jar's copy of it. */
    static Path inOrBundled(Path directory, String name) {
        Path working = directory.resolve(name).toAbsolutePath().normalize();
        return Files.isDirectory(working) ? working : folder(name);
    }

    /** The jar's copy of {@code name} ({@code routes}, {@code sample-docs}), as a folder on disk. */
    public static Path folder(String name) {
        return FOLDERS.computeIfAbsent(name, BundledDefaults::locate);
    }

    private static Path locate(String name) {
        URL url = BundledDefaults.class.getClassLoader().getResource(ROOT + "/" + name);
        if (url == null) {
            throw new IllegalStateException("this build carries no " + name + " folder (classpath " + ROOT + "/" + name
                    + "): build the jar with Maven, or start where a " + name + "/ folder is");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("classpath folder " + url + " is not a path", e);
            }
        }
        return extractAll().resolve(name);
    }

    /** Writes every bundled file to one temporary folder, once per process. */
    private static synchronized Path extractAll() {
        if (extracted != null) {
            return extracted;
        }
        try {
            Path target = Files.createTempDirectory("corridor-bundled-");
            deleteOnExit(target);
            // Spring's resolver reads the jar's entries (the mechanism component scanning uses inside a fat jar)
            Resource[] resources = new PathMatchingResourcePatternResolver(BundledDefaults.class.getClassLoader())
                    .getResources("classpath:" + ROOT + "/**/*.yaml");
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                String relative = url.substring(url.lastIndexOf("/" + ROOT + "/") + ROOT.length() + 2);
                Path file = target.resolve(relative).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                Path dir = target;
                for (Path part : target.relativize(file.getParent())) {
                    dir = dir.resolve(part);
                    if (Files.notExists(dir)) {
                        Files.createDirectory(dir);
                        deleteOnExit(dir);
                    }
                }
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                deleteOnExit(file);
            }
            extracted = target;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the jar's default routes and samples to a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Deleted at exit in the reverse order of registration: a folder is registered before what it holds. */
    private static void deleteOnExit(Path path) {
        path.toFile().deleteOnExit();
    }
}
