package org.corridor.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reference tables shipped with the project (analytes, units, transport status codes, time zones of places). Facts live in data files under
 * {@code reference/}, not in code, so a new analyte or unit alias is a one-line change that needs no release of logic.
 */
public final class ReferenceData {

    private static final ReferenceData INSTANCE = new ReferenceData();

    private final Set<String> analytes;
    private final Map<String, String> unitAliases;
    private final Map<String, String> rec20Units;
    private final Map<String, String> unitRec20;
    private final Map<String, String> transportEvents;
    private final Map<String, ZoneId> locationZones;

    private ReferenceData() {
        this.analytes = rows("reference/analytes.csv").stream().map(r -> r[0]).collect(Collectors.toUnmodifiableSet());
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

    /**
     * The canonical unit for a UN/ECE Recommendation 20 unit code as EDI carries it ({@code TNE} → {@code T},
     * {@code KGM} → {@code KG}, {@code P1} → {@code PCT}), if known. {@code DMT} (decimetre) is not a mass and is
     * unknown here on purpose.
     */
    public Optional<String> unitForRec20(String code) {
        return Optional.ofNullable(rec20Units.get(code));
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
        return Optional.ofNullable(transportEvents.get(statusCode));
    }

    /** The time zone of a corridor place by its UN/LOCODE, for local times sent without an offset. */
    public Optional<ZoneId> timeZone(String locode) {
        return Optional.ofNullable(locationZones.get(locode));
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
