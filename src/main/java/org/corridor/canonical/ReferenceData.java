package org.corridor.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reference tables shipped with the project (analytes, units). Facts live in data files under
 * {@code reference/}, not in code, so a new analyte or unit alias is a one-line change that needs no release of logic.
 */
public final class ReferenceData {

    private static final ReferenceData INSTANCE = new ReferenceData();

    private final Set<String> analytes;
    private final Map<String, String> unitAliases;

    private ReferenceData() {
        this.analytes = rows("reference/analytes.csv").stream().map(r -> r[0]).collect(Collectors.toUnmodifiableSet());
        Map<String, String> units = new LinkedHashMap<>();
        for (String[] row : rows("reference/units.csv")) {
            units.put(row[0].toLowerCase(Locale.ROOT), row[1]);
        }
        this.unitAliases = Map.copyOf(units);
    }

    public static ReferenceData get() {
        return INSTANCE;
    }

    /** True for an analyte as chemists write it ({@code Cu}, {@code Nd2O3}) or a ratio of two ({@code Nd2O3/TREO}). */
    public boolean isAnalyte(String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            return analytes.contains(name.substring(0, slash)) && analytes.contains(name.substring(slash + 1));
        }
        return analytes.contains(name);
    }

    /** The canonical unit code for a unit as written in a file ({@code %}, {@code g/t}, {@code PPM}), if known. */
    public Optional<String> canonicalUnit(String written) {
        return Optional.ofNullable(unitAliases.get(written.toLowerCase(Locale.ROOT)));
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference table missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
