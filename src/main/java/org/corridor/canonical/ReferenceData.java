package org.corridor.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reference tables shipped with the project (analytes, units, transport status codes, HS codes, UN/LOCODEs and their
 * time zones, ISO countries and currencies). Facts live in data files under {@code reference/}, not in code, so a new
 * analyte, tariff code or port is a one-line change that needs no release of logic (see docs/agreements.md).
 * An ordinary immutable object: loaded once with {@link #load()} and passed to each user through its constructor.
 */
public final class ReferenceData {

    private final Set<String> analytes;
    private final Map<String, String> unitAliases;
    private final Map<String, String> rec20Units;
    private final Map<String, String> unitRec20;
    private final Map<String, String> transportEvents;
    private final Map<String, ZoneId> locationZones;
    private final Map<String, String> analyteNames;
    private final Map<String, String> hsDescriptions;
    private final Map<String, Place> places;
    private final Map<String, String> countries;
    private final Map<String, Currency> currencies;
    private final List<HtsContentLine> htsContentLines;
    private final Map<String, Map<String, String>> x12Codes;

    /** A UN/LOCODE of the corridor: its name, ISO country and what kind of place it is (seaport, inland place). */
    public record Place(String locode, String name, String country, String function) {}

    /**
     * One US entry line a concentrate is reported on: the content of one analyte under a 10-digit HTS statistical
     * number, in {@code KG} (grade in per cent) or {@code G} (grade in g/t); a required line's analyte must be
     * assayed. {@code gradeKey} names the grade among the line's inputs.
     */
    public record HtsContentLine(
            String commodity,
            String analyte,
            String hts,
            String description,
            String unit,
            String gradeKey,
            boolean required) {

        /** The HTS number as printed: 2603.00.0010. */
        public String display() {
            return hts.substring(0, 4) + "." + hts.substring(4, 6) + "." + hts.substring(6);
        }
    }

    /** An active ISO 4217 currency: code, English name and minor units (null for units such as gold, XAU). */
    public record Currency(String code, String name, Integer minorUnits) {}

    private ReferenceData() {
        this.analytes = rows("reference/analytes.csv").stream().map(r -> r[0]).collect(Collectors.toUnmodifiableSet());
        this.analyteNames =
                rows("reference/analytes.csv").stream().collect(Collectors.toUnmodifiableMap(r -> r[0], r -> r[1]));
        this.hsDescriptions =
                rows("reference/hs-codes.csv").stream().collect(Collectors.toUnmodifiableMap(r -> r[0], r -> r[1]));
        this.places = rows("reference/locodes.csv").stream()
                .collect(Collectors.toUnmodifiableMap(r -> r[0], r -> new Place(r[0], r[1], r[2], r[3])));
        this.countries =
                rows("reference/countries.csv").stream().collect(Collectors.toUnmodifiableMap(r -> r[0], r -> r[1]));
        this.currencies = rows("reference/currencies.csv").stream()
                .collect(Collectors.toUnmodifiableMap(
                        r -> r[0], r -> new Currency(r[0], r[1], r[2].isEmpty() ? null : Integer.valueOf(r[2]))));
        this.htsContentLines = rows("reference/us-hts-content-lines.csv").stream()
                .map(r -> new HtsContentLine(r[0], r[1], r[2], r[3], r[4], r[5], Boolean.parseBoolean(r[6])))
                .toList();
        Map<String, Map<String, String>> x12 = new LinkedHashMap<>();
        for (String[] row : rows("reference/x12-ack-codes.csv")) {
            x12.computeIfAbsent(row[0], k -> new LinkedHashMap<>()).put(row[1], row[2]);
        }
        this.x12Codes = x12.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        Map<String, String> units = new LinkedHashMap<>();
        for (String[] row : rows("reference/units.csv")) {
            units.put(row[0].toLowerCase(Locale.ROOT), row[1]);
        }
        this.unitAliases = Map.copyOf(units);
        Map<String, String> rec20 = new LinkedHashMap<>();
        for (String[] row : rows("reference/units.csv")) {
            if (!row[2].isEmpty()) {
                rec20.putIfAbsent(row[2], row[1]);
            }
        }
        this.rec20Units = Map.copyOf(rec20);
        Map<String, String> back = new LinkedHashMap<>();
        rec20.forEach((code, unit) -> back.putIfAbsent(unit, code));
        this.unitRec20 = Map.copyOf(back);
        Map<String, String> events = new LinkedHashMap<>();
        for (String[] row : rows("reference/transport-status-codes.csv")) {
            events.put(row[0], row[1]);
        }
        this.transportEvents = Map.copyOf(events);
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        for (String[] row : rows("reference/locode-time-zones.csv")) {
            zones.put(row[0], ZoneId.of(row[1]));
        }
        this.locationZones = Map.copyOf(zones);
    }

    /**
     * Reads the tables from the classpath. Whoever builds the application calls this once (a Spring bean for the
     * gateway, the command line for itself) and hands the one instance to each user; there is no shared static copy.
     */
    public static ReferenceData load() {
        return new ReferenceData();
    }

    /**
     * The codes of one X12 data element of the functional acknowledgements (716 group errors, 717 set status, 718
     * set errors, 720 segment errors, 723 element errors) with their meanings; empty for another element.
     */
    public Map<String, String> x12Codes(String dataElement) {
        return dataElement == null ? Map.of() : x12Codes.getOrDefault(dataElement, Map.of());
    }

    /** The US entry lines a commodity's content is reported on, in the table's order (none for other goods). */
    public List<HtsContentLine> htsContentLines(String commodity) {
        return htsContentLines.stream()
                .filter(l -> l.commodity().equals(commodity))
                .toList();
    }

    /** True for an analyte as chemists write it ({@code Cu}, {@code Nd2O3}) or a ratio of two ({@code Nd2O3/TREO}). */
    public boolean isAnalyte(String name) {
        if (name == null) {
            return false;
        }
        int slash = name.indexOf('/');
        if (slash > 0) {
            return analytes.contains(name.substring(0, slash)) && analytes.contains(name.substring(slash + 1));
        }
        return analytes.contains(name);
    }

    /** The canonical unit code for a unit as written in a file ({@code %}, {@code g/t}, {@code PPM}), if known. */
    public Optional<String> canonicalUnit(String written) {
        return Optional.ofNullable(written == null ? null : unitAliases.get(written.toLowerCase(Locale.ROOT)));
    }

    /**
     * The canonical unit for a UN/ECE Recommendation 20 unit code as EDI carries it ({@code TNE} → {@code T},
     * {@code KGM} → {@code KG}, {@code P1} → {@code PCT}), if known. {@code DMT} (decimetre) is not a mass and is
     * unknown here on purpose.
     */
    public Optional<String> unitForRec20(String code) {
        return Optional.ofNullable(code == null ? null : rec20Units.get(code));
    }

    /** The UN/ECE Recommendation 20 code EDI writes for a canonical unit ({@code T} → {@code TNE}), if it has one. */
    public Optional<String> rec20ForUnit(String unit) {
        return Optional.ofNullable(unit == null ? null : unitRec20.get(unit));
    }

    /**
     * The canonical transport event (GATE_IN, LOADED, DEPARTED, ARRIVED, DISCHARGED, CUSTOMS_RELEASED, GATE_OUT) for
     * a status code as a carrier sends it in EDIFACT STS (9011), if Corridor maps it.
     */
    public Optional<String> transportEvent(String statusCode) {
        return Optional.ofNullable(statusCode == null ? null : transportEvents.get(statusCode));
    }

    /** The time zone of a corridor place by its UN/LOCODE, for local times sent without an offset. */
    public Optional<ZoneId> timeZone(String locode) {
        return Optional.ofNullable(locode == null ? null : locationZones.get(locode));
    }

    /** The English name of an analyte ({@code As} → arsenic), if known. */
    public Optional<String> analyteName(String analyte) {
        return Optional.ofNullable(analyte == null ? null : analyteNames.get(analyte));
    }

    /**
     * The description of a tariff code (HS-6, Pakistan 8-digit or US HTS 10-digit, dots and spaces ignored) by the
     * longest code in the table it starts with: a national subdivision the table lacks still gets its heading's text.
     */
    public Optional<String> hsDescription(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String digits = code.replaceAll("[.\\s]", "");
        for (int length = digits.length(); length >= 4; length--) {
            String description = hsDescriptions.get(digits.substring(0, length));
            if (description != null) {
                return Optional.of(description);
            }
        }
        return Optional.empty();
    }

    /** The place a UN/LOCODE names ({@code PKKHI} → Karachi, PK), if it is in the corridor's table. */
    public Optional<Place> place(String locode) {
        return Optional.ofNullable(
                locode == null ? null : places.get(locode.strip().toUpperCase(Locale.ROOT)));
    }

    /** True for a UN/LOCODE in the corridor's table. */
    public boolean isLocode(String locode) {
        return place(locode).isPresent();
    }

    /** The English short name of an ISO 3166-1 alpha-2 country code ({@code PK} → Pakistan), if it is one. */
    public Optional<String> country(String code) {
        return Optional.ofNullable(
                code == null ? null : countries.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** The active ISO 4217 currency of this code ({@code PKR}), if it is one; withdrawn codes are unknown. */
    public Optional<Currency> currency(String code) {
        return Optional.ofNullable(code == null ? null : currencies.get(code.strip()));
    }

    /** True for an active ISO 4217 currency code, as written (upper case). */
    public boolean isCurrency(String code) {
        return currency(code).isPresent();
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference table missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .map(ReferenceData::fields)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV line's fields; a field in double quotes may hold commas ({@code "Rare-earth metals, scandium"}). */
    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
