package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar carries every route and the sample agreements and partner files; a working folder's own copy wins. */
class BundledDefaultsTest {

    @Test
    void carriesEveryRouteOfTheProjectsRoutesFolder() throws IOException {
        assertThat(files(BundledDefaults.folder("routes")))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(files(Path.of("routes")));
    }

    @Test
    void carriesTheSampleAgreementsAndPartnerFiles() throws IOException {
        Path samples = BundledDefaults.folder("sample-docs");
        assertThat(files(samples.resolve("agreements")))
                .containsExactlyInAnyOrderElementsOf(files(Path.of("sample-docs", "agreements")));
        assertThat(files(samples.resolve("partners")))
                .containsExactlyInAnyOrderElementsOf(files(Path.of("sample-docs", "partners")));
        assertThat(samples.resolve("agreements/PK-US-CM-2025.yaml"))
                .hasSameTextualContentAs(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));
    }

    @Test
    void aFolderOfTheWorkingDirectoryTakesThePlaceOfTheBundledOne(@TempDir Path directory) throws IOException {
        assertThat(BundledDefaults.inOrBundled(directory, "routes")).isEqualTo(BundledDefaults.folder("routes"));

        Files.createDirectory(directory.resolve("routes"));

        assertThat(BundledDefaults.inOrBundled(directory, "routes")).isEqualTo(directory.resolve("routes"));
    }

    /** The YAML files under a folder, as paths relative to it. */
    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> folder.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
