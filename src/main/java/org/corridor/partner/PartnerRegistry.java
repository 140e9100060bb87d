package org.corridor.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.PostConstruct;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.audit.AuditLog;
import org.corridor.base.CorridorProperties;
import org.corridor.base.CorridorProperties.Channel;
import org.corridor.base.CorridorProperties.Partner;
import org.corridor.base.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partners the gateway knows, loaded at start from the partner files ({@code corridor.partner-folders}; a later
 * folder wins on the same id) and written to the {@code partners} tables. Each setting of
 * {@code corridor.partners.<ID>.*} (environment variables in a deployment) overrides the file's endpoint value. Every
 * partner an agreement names as a recipient is registered too, with a folder under {@code outbox/} if nothing else
 * is said about it. A bad file, or a secret its file names but nobody set, refuses the start with the file and field.
 */
@Component
public class PartnerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private final PartnerSettings settings;
    private final CorridorProperties properties;
    private final AgreementCatalog agreements;
    private final Environment environment;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private volatile Map<String, RegisteredPartner> partners = Map.of();

    PartnerRegistry(
            PartnerSettings settings,
            CorridorProperties properties,
            AgreementCatalog agreements,
            Environment environment,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            Clock clock,
            AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
        this.properties = properties;
        this.agreements = agreements;
        this.environment = environment;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @PostConstruct
    void loadAtStart() {
        Map<String, RegisteredPartner> loaded = load();
        store(loaded.values());
        partners = loaded;
        LOG.info(
                "Partner registry: {}",
                loaded.values().stream()
                        .map(p -> p.id() + " (" + p.endpoint().channel()
                                + (p.source() == null ? "" : ", " + p.source().getFileName()) + ")")
                        .toList());
    }

    /** Serves these partners (what {@link #loadAtStart()} does after storing them; tests use it directly). */
    void use(Map<String, RegisteredPartner> loaded) {
        partners = Map.copyOf(loaded);
    }

    /** Reads every file, merges the overrides and agreement recipients; throws on the first bad partner. */
    Map<String, RegisteredPartner> load() {
        Map<String, PartnerProfile> profiles = new LinkedHashMap<>();
        Map<String, Path> sources = new LinkedHashMap<>();
        readFolders(settings.partnerFolders(), profiles, sources, true);
        for (String id : properties.partners().keySet()) {
            profiles.putIfAbsent(key(id), PartnerProfile.unregistered(id.toUpperCase(Locale.ROOT)));
        }
        for (Agreement a : agreements.all()) {
            for (Agreement.Distribution d : a.distribution()) {
                profiles.putIfAbsent(key(d.partner()), PartnerProfile.unregistered(d.partner()));
            }
            // every party may send documents, and so receives their acknowledgements
            for (Agreement.AgreementParty party : a.parties()) {
                profiles.putIfAbsent(key(party.id()), PartnerProfile.unregistered(party.id()));
            }
        }
        Map<String, RegisteredPartner> resolved = new LinkedHashMap<>();
        Map<String, String> interchangeOwners = new LinkedHashMap<>();
        Map<String, String> as2Owners = new LinkedHashMap<>();
        for (Map.Entry<String, PartnerProfile> e : profiles.entrySet()) {
            PartnerProfile p = e.getValue();
            Path source = sources.get(e.getKey());
            if (!p.id().matches(PartnerFiles.ID_PATTERN)) {
                throw new InvalidPartnerException("partner id \"" + p.id() + "\" (named in an agreement or in"
                        + " corridor.partners) must be letters, digits, '-' or '_'");
            }
            for (PartnerProfile.InterchangeId id : p.interchangeIds()) {
                String owner = interchangeOwners.putIfAbsent(id.qualifier() + ":" + id.id(), p.id());
                if (owner != null) {
                    throw new InvalidPartnerException(where(source) + "field \"interchangeIds\": " + id.qualifier()
                            + ":" + id.id() + " is already partner " + owner + "'s");
                }
            }
            if (p.as2() != null && p.as2().id() != null) {
                String owner = as2Owners.putIfAbsent(p.as2().id(), p.id());
                if (owner != null) {
                    throw new InvalidPartnerException(where(source) + "field \"as2.id\": "
                            + p.as2().id() + " is already partner " + owner + "'s");
                }
            }
            resolved.put(e.getKey(), resolve(p, source));
        }
        return Map.copyOf(resolved);
    }

    /**
     * Reads every partner file of the folders in order into {@code profiles} and {@code sources} (by upper-case id; a
     * later folder wins on the same id, logged when {@code logReplaced}); throws on the first bad file.
     */
    static void readFolders(
            List<Path> folders, Map<String, PartnerProfile> profiles, Map<String, Path> sources, boolean logReplaced) {
        for (Path folder : folders) {
            for (Path file : PartnerFiles.list(folder)) {
                PartnerProfile p = PartnerFiles.read(file);
                String expectedName = p.id() + ".yaml";
                if (!file.getFileName().toString().equalsIgnoreCase(expectedName)
                        && !file.getFileName().toString().equalsIgnoreCase(p.id() + ".yml")) {
                    throw new InvalidPartnerException(file + ": field \"id\" is " + p.id()
                            + ", but the file must be named after it (" + expectedName + ")");
                }
                String key = key(p.id());
                if (logReplaced && sources.containsKey(key)) {
                    LOG.info("Partner {} from {} replaces the one from {}", p.id(), file, sources.get(key));
                }
                profiles.put(key, p);
                sources.put(key, file);
            }
        }
    }

    private RegisteredPartner resolve(PartnerProfile p, Path source) {
        Partner override = properties.partner(p.id()).orElse(null);
        PartnerProfile.Endpoint e = p.endpoint();
        CorridorProperties.Delivery d = properties.delivery();
        String password = override != null && override.password() != null
                ? override.password()
                : e != null && e.passwordProperty() != null
                        ? secret(e.passwordProperty(), source, "endpoint.passwordProperty")
                        : null;
        Partner endpoint = new Partner(
                first(override == null ? null : override.channel(), e == null ? null : e.channel(), Channel.FOLDER),
                first(override == null ? null : override.folder(), e == null ? null : e.folder(), null),
                first(override == null ? null : override.url(), e == null ? null : e.url(), null),
                first(override == null ? null : override.username(), e == null ? null : e.username(), null),
                password,
                first(override == null ? null : override.privateKeyFile(), e == null ? null : e.privateKeyFile(), null),
                first(override == null ? null : override.directory(), e == null ? null : e.directory(), null),
                first(override == null ? null : override.knownHostsFile(), e == null ? null : e.knownHostsFile(), null),
                first(
                        override == null ? null : override.strictHostKeyChecking(),
                        e == null ? null : e.strictHostKeyChecking(),
                        null),
                first(override == null ? null : override.queue(), e == null ? null : e.queue(), null));

        RegisteredPartner.HttpAuth auth = null;
        if (p.auth() != null) {
            String secret = secret(p.auth().secretProperty(), source, "auth.secretProperty");
            auth = switch (p.auth().type()) {
                case BEARER -> new RegisteredPartner.HttpAuth("Authorization", "Bearer " + secret);
                case BASIC ->
                    new RegisteredPartner.HttpAuth(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((p.auth().username() + ":" + secret)
                                                    .getBytes(StandardCharsets.UTF_8)));
                case API_KEY -> new RegisteredPartner.HttpAuth(p.auth().header(), secret);
            };
        }
        RegisteredPartner.TrustStore trust = null;
        if (p.tls() != null) {
            String storePassword = p.tls().trustStorePasswordProperty() == null
                    ? null
                    : secret(p.tls().trustStorePasswordProperty(), source, "tls.trustStorePasswordProperty");
            trust = new RegisteredPartner.TrustStore(
                    p.tls().trustStore().toAbsolutePath(),
                    storePassword,
                    p.tls().trustStoreType() == null ? "PKCS12" : p.tls().trustStoreType());
        }
        PartnerProfile.Timeouts t = p.timeouts();
        int connect = t != null && t.connect() != null ? millis(t.connect()) : d.httpConnectTimeoutMs();
        int response = t != null && t.response() != null ? millis(t.response()) : d.httpResponseTimeoutMs();
        PartnerProfile.Retry r = p.retry();
        RegisteredPartner.RetryPolicy retry = new RegisteredPartner.RetryPolicy(
                r != null && r.maxRetries() != null ? r.maxRetries() : d.maximumRedeliveries(),
                r != null && r.initialDelay() != null ? r.initialDelay().toMillis() : d.redeliveryDelayMs(),
                r != null && r.multiplier() != null ? r.multiplier() : d.backoffMultiplier(),
                r != null && r.maxDelay() != null ? r.maxDelay().toMillis() : d.maximumRedeliveryDelayMs());

        RegisteredPartner.InboundCredentials inbound = null;
        RegisteredPartner.InboundSftp inboundSftp = null;
        if (p.inbound() != null && p.inbound().http() != null) {
            PartnerProfile.InboundHttp h = p.inbound().http();
            inbound = new RegisteredPartner.InboundCredentials(
                    h.auth(), h.username(), secret(h.secretProperty(), source, "inbound.http.secretProperty"));
        }
        if (p.inbound() != null && p.inbound().sftp() != null) {
            PartnerProfile.InboundSftp s = p.inbound().sftp();
            inboundSftp = new RegisteredPartner.InboundSftp(
                    s,
                    s.passwordProperty() == null
                            ? null
                            : secret(s.passwordProperty(), source, "inbound.sftp.passwordProperty"));
        }
        return new RegisteredPartner(
                p,
                source,
                endpoint,
                auth,
                trust,
                connect,
                response,
                retry,
                p.ack(),
                inbound,
                inboundSftp,
                as2(p, source));
    }

    /** The partner's AS2 partnership with its keys read and the defaults filled in, or null. */
    private RegisteredPartner.As2 as2(PartnerProfile p, Path source) {
        PartnerProfile.As2 a = p.as2();
        if (a == null) {
            return null;
        }
        As2Keys keys = As2Keys.load(
                source,
                a.keyStore().toAbsolutePath(),
                secret(a.keyStorePasswordProperty(), source, "as2.keyStorePasswordProperty"),
                a.ourKeyAlias(),
                a.partnerCertificateAlias());
        As2Keys.checkValidity(source, keys, clock.instant());
        PartnerProfile.Mdn mdn = a.mdn();
        return new RegisteredPartner.As2(
                a.id(),
                a.ourId() != null ? a.ourId() : environment.getProperty("corridor.as2.id", "CORRIDOR"),
                keys.ourKey(),
                keys.ourChain(),
                keys.partnerChain(),
                a.signing() == null ? "SHA256WITHRSA" : As2Fields.upper(a.signing()),
                a.encryption() == null
                        ? "AES256_CBC"
                        : "NONE".equals(As2Fields.upper(a.encryption())) ? null : As2Fields.upper(a.encryption()),
                a.compression() == null || "NONE".equals(As2Fields.upper(a.compression()))
                        ? null
                        : As2Fields.upper(a.compression()),
                mdn == null || mdn.mode() == null ? PartnerProfile.MdnMode.SYNC : mdn.mode(),
                mdn == null || mdn.micAlgorithm() == null
                        ? "sha-256"
                        : As2Fields.MIC.get(mdn.micAlgorithm().strip().toLowerCase(Locale.ROOT)),
                mdn == null || mdn.asyncTimeout() == null ? Duration.ofHours(1) : mdn.asyncTimeout(),
                a.receiptUrls());
    }

    /** The partner whose AS2 name this is ({@code AS2-From} of what it sends us). */
    public Optional<RegisteredPartner> byAs2Id(String as2Id) {
        return as2Id == null
                ? Optional.empty()
                : partners.values().stream()
                        .filter(p -> p.as2() != null && p.as2().partnerAs2Id().equals(as2Id))
                        .findFirst();
    }

    /** The secret held by the property (or environment variable) a partner file names; refuses start when unset. */
    private String secret(String property, Path source, String field) {
        return secret(environment, property, source, field);
    }

    /** The secret held by the property (or environment variable) a partner file names; refuses start when unset. */
    static String secret(PropertyResolver environment, String property, Path source, String field) {
        String value = environment.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new InvalidPartnerException(where(source) + "field \"" + field + "\" names " + property
                    + ", which is not set: set it as an environment variable or property (the secret itself never"
                    + " goes in the partner file)");
        }
        return value;
    }

    private void store(Collection<RegisteredPartner> all) {
        Timestamp now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(s -> {
            // a partner whose file changed since the last start is a new version of it, in the audit log
            Map<String, String> before = new java.util.HashMap<>();
            jdbc.query("SELECT partner_id, content FROM partners", rs -> {
                before.put(rs.getString(1), rs.getString(2));
            });
            jdbc.update("DELETE FROM partner_interchange_ids");
            jdbc.update("DELETE FROM partners");
            for (RegisteredPartner p : all) {
                String content = json(p.profile());
                if (!content.equals(before.remove(p.id()))) {
                    audit.append(
                            "partner.loaded",
                            p.id(),
                            "from " + (p.source() == null ? "settings only" : p.source()) + ", channel "
                                    + p.endpoint().channel() + ", content sha256 "
                                    + Hashing.sha256Hex(content));
                }
                jdbc.update(
                        """
                        INSERT INTO partners (partner_id, name, roles, channel, ack_expected, ack_overdue_after,
                            source_file, content, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        p.id(),
                        p.profile().name(),
                        String.join(",", p.profile().roles()),
                        p.endpoint().channel().name(),
                        p.expectedAck().map(a -> a.expected().label()).orElse(null),
                        p.expectedAck().map(a -> a.overdueAfter().toString()).orElse(null),
                        p.source() == null ? null : p.source().toString(),
                        content,
                        now);
                for (PartnerProfile.InterchangeId id : p.profile().interchangeIds()) {
                    jdbc.update(
                            "INSERT INTO partner_interchange_ids (qualifier, id_value, partner_id)"
                                    + " VALUES (?, ?, ?)",
                            id.qualifier(),
                            id.id(),
                            p.id());
                }
            }
            before.keySet().forEach(gone -> audit.append("partner.removed", gone, "no longer registered"));
        });
    }

    /** Every registered partner. */
    public List<RegisteredPartner> all() {
        return partners.values().stream()
                .sorted(java.util.Comparator.comparing(RegisteredPartner::id))
                .toList();
    }

    /** The partner with this id (case does not matter: environment variables are upper case). */
    public Optional<RegisteredPartner> find(String partnerId) {
        return partnerId == null ? Optional.empty() : Optional.ofNullable(partners.get(key(partnerId)));
    }

    /** The partner whose interchange id this is, for matching EDI senders. */
    public Optional<RegisteredPartner> byInterchangeId(String qualifier, String id) {
        return partners.values().stream()
                .filter(p -> p.profile().interchangeIds().stream()
                        .anyMatch(i -> i.qualifier().equals(qualifier) && i.id().equals(id)))
                .findFirst();
    }

    /**
     * The partner an {@code Authorization} header of {@code POST /api/inbound} belongs to: a bearer token or basic
     * user and password of a partner's inbound credentials. Compared in constant time.
     */
    public Optional<RegisteredPartner> authenticateInbound(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        for (RegisteredPartner p : partners.values()) {
            RegisteredPartner.InboundCredentials c = p.inbound();
            if (c == null) {
                continue;
            }
            String expected = switch (c.type()) {
                case BEARER -> "Bearer " + c.secret();
                case BASIC ->
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
                case API_KEY -> null;
            };
            if (expected != null
                    && MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8),
                            authorization.strip().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String json(PartnerProfile p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("partner " + p.id() + " cannot be written as JSON", e);
        }
    }

    private static String where(Path source) {
        return source == null ? "" : source + ": ";
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String key(String id) {
        return id.toUpperCase(Locale.ROOT);
    }

    /** Partner ids, for logs and tests. */
    public List<String> ids() {
        return new ArrayList<>(all().stream().map(RegisteredPartner::id).toList());
    }
}
