package org.corridor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A sample shipment of sample-docs/dossiers: its documents, without the expected outputs kept beside them. */
public final class SampleDossier {

    /** The copper shipment every dossier test starts from. */
    public static final Path CU = Path.of("sample-docs", "dossiers", "CU-2025-0147");

    private SampleDossier() {}

    /** The dossier's document files, by name (expected-* files and the expected/ folder left out). */
    public static List<Path> files(Path dossier) {
        try (Stream<Path> all = Files.list(dossier)) {
            return all.filter(p -> Files.isRegularFile(p)
                            && !p.getFileName().toString().startsWith("expected"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
