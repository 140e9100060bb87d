package org.corridor.edi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reference tables the X12 mappers translate codes with, kept as data under {@code reference/}: X12 units (355,
 * and the C001 composite grams per tonne) to canonical units, X12 packaging forms (211) to UN/ECE Rec 21 package
 * codes, and UN/LOCODEs to the time zone their local times are in.
 */
public final class X12Reference {

    private static final X12Reference INSTANCE = new X12Reference();

    private final Map<String, String> units;
    private final Map<String, String> packaging;

    private X12Reference() {
        units = table("reference/x12-units.csv");
        packaging = table("reference/x12-packaging.csv");
    }

    public static X12Reference get() {
        return INSTANCE;
    }

    /** The canonical unit of an X12 unit code or of a {@code numerator/denominator} composite such as GR/MT. */
    public Optional<String> unit(String code) {
        return Optional.ofNullable(units.get(code));
    }

    /** The UN/ECE Rec 21 package code of an X12 packaging form code. */
    public Optional<String> packageKind(String code) {
        return Optional.ofNullable(packaging.get(code));
    }

    /** The X12 packaging form code (211) of a UN/ECE Rec 21 package code: the first row of the table naming it. */
    public Optional<String> packagingForm(String rec21) {
        return packaging.entrySet().stream()
                .filter(e -> e.getValue().equals(rec21))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    private static Map<String, String> table(String resource) {
        try (InputStream in = X12Reference.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference table missing from the classpath: " + resource);
            }
            Map<String, String> rows = new LinkedHashMap<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .map(l -> l.split(",", 3))
                    .forEach(r -> rows.put(r[0], r[1]));
            return Map.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
