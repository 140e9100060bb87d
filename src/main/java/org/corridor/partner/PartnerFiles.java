package org.corridor.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.corridor.base.CorridorProperties.Channel;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.DocumentKind;

/**
 * Reads and checks partner files ({@code <ID>.yaml}, one partner each). A bad file is refused with a reason that
 * names the file and the field, so an operator knows where to look before the gateway starts.
 */
final class PartnerFiles {

    /** Partner ids become queue and route names: letters, digits, '-' and '_'. */
    static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private PartnerFiles() {}

    /** Every {@code *.yaml}/{@code *.yml} file in the folder, sorted by name; a missing folder holds none. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidPartnerException("cannot list partner files in " + folder + ": " + e.getMessage(), e);
        }
    }

    public static PartnerProfile read(Path file) {
        PartnerProfile partner;
        try {
            partner = YAML.readValue(file.toFile(), PartnerProfile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidPartnerException(
                    file + ": unknown field \"" + path(e) + "\" at line "
                            + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr()) + " (known fields: "
                            + e.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ")",
                    e);
        } catch (JsonMappingException e) {
            throw new InvalidPartnerException(
                    file + ": field \"" + path(e) + "\""
                            + (e.getLocation() != null
                                    ? " at line " + e.getLocation().getLineNr()
                                    : "") + ": "
                            + reason(e),
                    e);
        } catch (JsonProcessingException e) {
            throw new InvalidPartnerException(
                    file + ": not readable YAML"
                            + (e.getLocation() != null
                                    ? " at line " + e.getLocation().getLineNr()
                                    : "") + ": "
                            + firstLine(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new InvalidPartnerException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (partner == null) {
            throw new InvalidPartnerException(file + ": the file holds no partner");
        }
        List<String> faults = check(partner);
        if (!faults.isEmpty()) {
            throw new InvalidPartnerException(file + ": " + String.join("; ", faults));
        }
        return partner;
    }

    /** What is wrong with a partner, one entry per field, naming it. */
    /** A price source as price files write it (docs/mig/prices.md). */
    private static final String PRICE_SOURCE_PATTERN = "[A-Za-z0-9 _.-]{1,32}";

    static List<String> check(PartnerProfile p) {
        List<String> faults = new ArrayList<>();
        if (p.id() == null || !p.id().matches(ID_PATTERN)) {
            faults.add("field \"id\" must be 1 to 64 letters, digits, '-' or '_'"
                    + (p.id() == null ? " and is missing" : ", not \"" + p.id() + "\""));
        }
        if (p.name() == null || p.name().isBlank()) {
            faults.add("field \"name\" is missing");
        }
        for (int i = 0; i < p.interchangeIds().size(); i++) {
            PartnerProfile.InterchangeId id = p.interchangeIds().get(i);
            if (id == null || blank(id.qualifier()) || blank(id.id())) {
                faults.add("field \"interchangeIds[" + i + "]\" needs a \"qualifier\" and an \"id\"");
            }
        }
        Set<String> kinds = new HashSet<>();
        for (DocumentKind k : DocumentKind.values()) {
            kinds.add(k.name());
        }
        p.formats().forEach((kind, format) -> {
            if (!kinds.contains(kind)) {
                faults.add("field \"formats." + kind + "\": not a document kind (one of "
                        + String.join(", ", kinds.stream().sorted().toList()) + ")");
            } else if (blank(format)) {
                faults.add("field \"formats." + kind + "\" names no format");
            } else {
                try {
                    OutputFormat.of(format);
                } catch (IllegalArgumentException e) {
                    faults.add("field \"formats." + kind + "\": " + e.getMessage());
                }
            }
        });
        for (String kind : p.issues()) {
            if (!kinds.contains(kind)
                    || DocumentKind.ACKNOWLEDGEMENT.name().equals(kind)
                    || DocumentKind.SHIPMENT_DOSSIER.name().equals(kind)) {
                faults.add("field \"issues\": " + (kind == null ? "an empty entry" : "\"" + kind + "\"") + " is not a"
                        + " document kind a partner sends (one of "
                        + String.join(
                                ", ",
                                kinds.stream()
                                        .sorted()
                                        .filter(k -> !k.equals(DocumentKind.ACKNOWLEDGEMENT.name())
                                                && !k.equals(DocumentKind.SHIPMENT_DOSSIER.name()))
                                        .toList())
                        + ")");
            }
        }
        if (p.prices() != null) {
            if (p.prices().sources().isEmpty()) {
                faults.add("field \"prices.sources\" names no source (such as [" + p.id() + "])");
            }
            for (String source : p.prices().sources()) {
                if (source == null || !source.matches(PRICE_SOURCE_PATTERN)) {
                    faults.add("field \"prices.sources\": " + (source == null ? "an empty entry" : "\"" + source + "\"")
                            + " is not a price source (1 to 32 letters, digits, spaces, '_', '.' or '-')");
                }
            }
        }
        checkEndpoint(p.endpoint(), faults);
        checkAuth(p, faults);
        As2Fields.check(p, faults);
        if (p.tls() != null) {
            if (p.tls().trustStore() == null) {
                faults.add("field \"tls.trustStore\" is missing");
            } else if (!Files.isReadable(p.tls().trustStore())) {
                faults.add("field \"tls.trustStore\": " + p.tls().trustStore() + " cannot be read");
            }
        }
        if (p.timeouts() != null) {
            positive(p.timeouts().connect(), "timeouts.connect", faults);
            positive(p.timeouts().response(), "timeouts.response", faults);
        }
        if (p.retry() != null) {
            if (p.retry().maxRetries() != null && p.retry().maxRetries() < 0) {
                faults.add("field \"retry.maxRetries\" must be 0 or more");
            }
            positive(p.retry().initialDelay(), "retry.initialDelay", faults);
            positive(p.retry().maxDelay(), "retry.maxDelay", faults);
            if (p.retry().multiplier() != null && p.retry().multiplier() < 1) {
                faults.add("field \"retry.multiplier\" must be 1 or more");
            }
        }
        if (p.ack() != null) {
            if (p.ack().expected() == null) {
                faults.add("field \"ack.expected\" is missing (CONTRL, 997, 999 or NONE)");
            } else if (p.ack().expected() != PartnerProfile.AckType.NONE) {
                if (p.ack().overdueAfter() == null) {
                    faults.add("field \"ack.overdueAfter\" is missing (e.g. PT4H)");
                }
                positive(p.ack().overdueAfter(), "ack.overdueAfter", faults);
            }
        }
        if (p.inbound() != null) {
            PartnerProfile.InboundHttp http = p.inbound().http();
            if (http != null) {
                if (http.auth() == null || http.auth() == PartnerProfile.AuthType.API_KEY) {
                    faults.add("field \"inbound.http.auth\" must be bearer or basic");
                } else if (http.auth() == PartnerProfile.AuthType.BASIC && blank(http.username())) {
                    faults.add("field \"inbound.http.username\" is missing (basic)");
                }
                if (blank(http.secretProperty())) {
                    faults.add("field \"inbound.http.secretProperty\" is missing: the name of the property or"
                            + " environment variable holding the partner's token or password");
                }
            }
            PartnerProfile.InboundSftp sftp = p.inbound().sftp();
            if (sftp != null) {
                if (sftp.url() == null
                        || !"sftp".equalsIgnoreCase(sftp.url().getScheme())
                        || sftp.url().getHost() == null) {
                    faults.add("field \"inbound.sftp.url\" must be sftp://host:port");
                }
                if (blank(sftp.username())) {
                    faults.add("field \"inbound.sftp.username\" is missing");
                }
                if (blank(sftp.passwordProperty()) && sftp.privateKeyFile() == null) {
                    faults.add("field \"inbound.sftp\" needs \"passwordProperty\" or \"privateKeyFile\"");
                }
                if (sftp.after() != null && !Set.of("move", "delete").contains(sftp.after())) {
                    faults.add("field \"inbound.sftp.after\" must be move or delete, not \"" + sftp.after() + "\"");
                }
                yesNo(sftp.strictHostKeyChecking(), "inbound.sftp.strictHostKeyChecking", faults);
                positive(sftp.pollDelay(), "inbound.sftp.pollDelay", faults);
            }
        }
        return faults;
    }

    private static void checkEndpoint(PartnerProfile.Endpoint e, List<String> faults) {
        if (e == null) {
            return;
        }
        Channel channel = e.channel() == null ? Channel.FOLDER : e.channel();
        switch (channel) {
            case HTTP -> {
                if (e.url() == null
                        || !Set.of("http", "https")
                                .contains(String.valueOf(e.url().getScheme()).toLowerCase(Locale.ROOT))) {
                    faults.add("field \"endpoint.url\" must be an http:// or https:// address for channel HTTP");
                }
            }
            case SFTP -> {
                if (e.url() == null
                        || !"sftp".equalsIgnoreCase(e.url().getScheme())
                        || e.url().getHost() == null) {
                    faults.add("field \"endpoint.url\" must be sftp://host:port for channel SFTP");
                }
                if (blank(e.username())) {
                    faults.add("field \"endpoint.username\" is missing for channel SFTP");
                }
                if (blank(e.passwordProperty()) && e.privateKeyFile() == null) {
                    faults.add("field \"endpoint\" needs \"passwordProperty\" or \"privateKeyFile\" for channel SFTP");
                }
                yesNo(e.strictHostKeyChecking(), "endpoint.strictHostKeyChecking", faults);
            }
            case AS2 -> {
                if (e.url() == null
                        || !Set.of("http", "https")
                                .contains(String.valueOf(e.url().getScheme()).toLowerCase(Locale.ROOT))
                        || e.url().getHost() == null) {
                    faults.add("field \"endpoint.url\" must be the partner's AS2 address, http:// or https://, for"
                            + " channel AS2");
                }
            }
            case JMS -> {
                if (blank(e.queue())) {
                    faults.add("field \"endpoint.queue\" is missing for channel JMS");
                }
            }
            case FOLDER -> {
                // the folder defaults to outbox/<ID>
            }
        }
    }

    private static void checkAuth(PartnerProfile p, List<String> faults) {
        PartnerProfile.Auth a = p.auth();
        if (a == null) {
            return;
        }
        if (a.type() == null) {
            faults.add("field \"auth.type\" is missing (bearer, basic or api-key)");
            return;
        }
        if (blank(a.secretProperty())) {
            faults.add("field \"auth.secretProperty\" is missing: the name of the property or environment variable"
                    + " holding the secret (never the secret itself)");
        }
        if (a.type() == PartnerProfile.AuthType.BASIC && blank(a.username())) {
            faults.add("field \"auth.username\" is missing (basic)");
        }
        if (a.type() == PartnerProfile.AuthType.API_KEY
                && (blank(a.header()) || !a.header().matches("[A-Za-z0-9-]+"))) {
            faults.add("field \"auth.header\" must name the HTTP header that carries the key (api-key)");
        }
    }

    private static void yesNo(String value, String field, List<String> faults) {
        if (value != null && !Set.of("yes", "no").contains(value.strip().toLowerCase(Locale.ROOT))) {
            faults.add("field \"" + field + "\" must be yes or no, not \"" + value + "\"");
        }
    }

    static void positive(Duration d, String field, List<String> faults) {
        if (d != null && (d.isNegative() || d.isZero())) {
            faults.add("field \"" + field + "\" must be a positive duration such as PT30S, not " + d);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The field path Jackson was reading, as written in the file: {@code endpoint.channel}, {@code roles[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return firstLine(e.getOriginalMessage());
    }

    /** Jackson reports where it finished the record; the first line naming the field is where to look. */
    private static int lineOf(Path file, String field, int fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            java.util.regex.Pattern named = java.util.regex.Pattern.compile(
                    "(^|[\\s{,-])\"?" + java.util.regex.Pattern.quote(field) + "\"?\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (named.matcher(lines.get(i)).find()) {
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
