package org.corridor.enrich;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads and checks agreement YAML files; a bad file is refused with a reason that names the file and the fault. */
public final class AgreementFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AgreementFiles() {
    }

    /** Every {@code *.yaml}/{@code *.yml} file in the folder, sorted by name; a missing folder holds none. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidAgreementException("cannot list agreements in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Every agreement file in the folder, read and checked; the first bad one is refused with its reason. */
    public static List<Agreement> readAll(Path folder) {
        return list(folder).stream().map(AgreementFiles::read).toList();
    }

    public static Agreement read(Path file) {
        Agreement agreement;
        try {
            agreement = YAML.readValue(file.toFile(), Agreement.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidAgreementException(file.getFileName() + ": unknown field \"" + e.getPropertyName()
                    + "\" at line " + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr()), e);
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    && jpe.getLocation() != null ? " at line " + jpe.getLocation().getLineNr() : "";
            throw new InvalidAgreementException(file.getFileName() + ": not a readable agreement" + where + ": "
                    + firstLine(e.getMessage()), e);
        }
        if (agreement == null) {
            throw new InvalidAgreementException(file.getFileName() + ": the file holds no agreement");
        }
        List<String> faults = check(agreement);
        if (!faults.isEmpty()) {
            throw new InvalidAgreementException(file.getFileName() + ": " + String.join("; ", faults));
        }
        return agreement;
    }

    static List<String> check(Agreement a) {
        List<String> faults = new ArrayList<>();
        if (a.id() == null || a.id().isBlank()) {
            faults.add("\"id\" is missing");
        }
        if (a.version() < 1) {
            faults.add("\"version\" must be 1 or more");
        }
        if (a.effectiveFrom() == null) {
            faults.add("\"effectiveFrom\" is missing");
        }
        if (a.effectiveTo() != null && a.effectiveFrom() != null && a.effectiveTo().isBefore(a.effectiveFrom())) {
            faults.add("\"effectiveTo\" is before \"effectiveFrom\"");
        }
        Set<String> partyIds = new HashSet<>();
        for (Agreement.AgreementParty p : a.parties()) {
            if (p.id() == null || p.name() == null) {
                faults.add("every party needs an \"id\" and a \"name\"");
            } else if (!partyIds.add(p.id())) {
                faults.add("party \"" + p.id() + "\" is listed twice");
            }
            if (p.ids().stream().anyMatch(i -> i == null || i.scheme() == null || i.value() == null)) {
                faults.add("every identifier of party \"" + p.id() + "\" needs a \"scheme\" and a \"value\"");
            }
        }
        for (Agreement.Distribution d : a.distribution()) {
            if (d.kind() == null || d.partner() == null || d.format() == null) {
                faults.add("every distribution entry needs \"kind\", \"partner\" and \"format\"");
            } else if (!partyIds.contains(d.partner())) {
                faults.add("distribution names partner \"" + d.partner() + "\", which is not a party");
            }
        }
        return faults;
    }

    /**
     * Jackson reports where it finished the record, which can be many lines after an unknown field; the first line
     * that names the field is where a person should look.
     */
    private static int lineOf(Path file, String field, int fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*(-\\s+)?\\{?\\s*\"?" + java.util.regex.Pattern.quote(field)
                        + "\"?\\s*:.*")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
