package org.corridor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.CorridorApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the real gateway, routes loaded from the project's routes/ folder, with the embedded broker and database in
 * a folder of its own under target/, and the buyer USSMUS as an HTTP partner served by a real local HTTP server.
 * Test classes extending this share one application context.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestBase {

    protected static final PartnerHttpServer PARTNER = startPartner();
    protected static final Path HOME =
            Path.of("target", "test-homes", UUID.randomUUID().toString()).toAbsolutePath();
    /** The staff API token of viewers (reads the API). */
    protected static final String VIEWER_TOKEN = "viewer-" + UUID.randomUUID();
    /** The staff API token of operators (also uploads, replays, retries). */
    protected static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();
    /** The staff API token of admins (also the actuator and the API description). */
    protected static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    /** The password of the console's test users (viewer "vera", operator "olga", admin "adam"). */
    protected static final String STAFF_PASSWORD = "pw-" + UUID.randomUUID();
    /** Its bcrypt hash, at the lowest cost so the tests stay quick. */
    private static final String STAFF_HASH =
            new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(STAFF_PASSWORD);
    /** The laboratory's token for POST /api/inbound (its partner file names the property holding it). */
    protected static final String KHILAB_TOKEN = "khilab-" + UUID.randomUUID();
    /** The carrier's token for POST /api/inbound. */
    protected static final String OCEANCAR_TOKEN = "oceancar-" + UUID.randomUUID();
    /** The buyer's token for POST /api/inbound (it posts its acknowledgements). */
    protected static final String USSMUS_TOKEN = "ussmus-" + UUID.randomUUID();
    /** A second laboratory, not a party of the sample agreement, for documents that name another issuer. */
    protected static final String LAB2_TOKEN = "lab2-" + UUID.randomUUID();
    /** The longest body POST /api/inbound takes in these tests (corridor.inbound.max-bytes). */
    protected static final int INBOUND_MAX_BYTES = 1024 * 1024;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", HOME::toString);
        writePartnerFile("KHILAB.yaml", """
                id: KHILAB
                name: Karachi Minerals Testing Laboratory
                roles: [LABORATORY]
                interchangeIds: [{ qualifier: ZZ, id: KHILAB }]
                inbound:
                  http: { auth: bearer, secretProperty: TEST_KHILAB_INBOUND_TOKEN }
                """);
        registry.add("TEST_KHILAB_INBOUND_TOKEN", () -> KHILAB_TOKEN);
        writePartnerFile("OCEANCAR.yaml", """
                id: OCEANCAR
                name: Arabian Sea Ocean Carrier
                roles: [CARRIER]
                interchangeIds: [{ qualifier: ZZ, id: OCEANCAR }]
                inbound:
                  http: { auth: bearer, secretProperty: TEST_OCEANCAR_INBOUND_TOKEN }
                """);
        registry.add("TEST_OCEANCAR_INBOUND_TOKEN", () -> OCEANCAR_TOKEN);
        // the sample buyer, with credentials to post its acknowledgements, and its own prices (POST /api/prices)
        writePartnerFile("USSMUS.yaml", """
                id: USSMUS
                name: US Strategic Metals
                roles: [BUYER, CONSIGNEE]
                interchangeIds:
                  - { qualifier: ZZ, id: USSMUS }
                  - { qualifier: "01", id: "431987265" }
                inbound:
                  http: { auth: basic, username: ussmus, secretProperty: TEST_USSMUS_INBOUND_PASSWORD }
                prices: { sources: [USSMUS] }
                """);
        registry.add("TEST_USSMUS_INBOUND_PASSWORD", () -> USSMUS_TOKEN);
        writePartnerFile("LAB2.yaml", """
                id: LAB2
                name: Second Testing Laboratory
                roles: [LABORATORY]
                interchangeIds: [{ qualifier: ZZ, id: LAB2 }]
                inbound:
                  http: { auth: bearer, secretProperty: TEST_LAB2_INBOUND_TOKEN }
                """);
        registry.add("TEST_LAB2_INBOUND_TOKEN", () -> LAB2_TOKEN);
        registry.add("corridor.inbound.max-bytes", () -> String.valueOf(INBOUND_MAX_BYTES));
        // a trickling body is cut after 2 s here (30 s by default), so a test of it takes seconds
        registry.add("corridor.inbound.slow-grace", () -> "2s");
        registry.add("corridor.api.viewer-token", () -> VIEWER_TOKEN);
        registry.add("corridor.api.operator-token", () -> OPERATOR_TOKEN);
        registry.add("corridor.api.admin-token", () -> ADMIN_TOKEN);
        for (String[] user : new String[][] {{"vera", "VIEWER"}, {"olga", "OPERATOR"}, {"adam", "ADMIN"}}) {
            registry.add("corridor.users." + user[0] + ".role", () -> user[1]);
            registry.add("corridor.users." + user[0] + ".password-hash", () -> STAFF_HASH);
        }
        registry.add("corridor.partners.USSMUS.channel", () -> "HTTP");
        registry.add("corridor.partners.USSMUS.url", () -> PARTNER.url("/corridor/inbound"));
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        // EDI files above 20 KB take the large-file path (batches of 10 documents), so the tests cover it
        registry.add("corridor.process.stream-above-bytes", () -> "20000");
        registry.add("corridor.process.batch-size", () -> "10");
        registry.add("corridor.delivery.redelivery-delay-ms", () -> "100");
        registry.add("corridor.delivery.maximum-redeliveries", () -> "4");
    }

    /** A partner file in the gateway's own partner folder (corridor.home/partners). */
    private static void writePartnerFile(String name, String content) {
        try {
            Files.createDirectories(HOME.resolve("partners"));
            Files.writeString(HOME.resolve("partners").resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PartnerHttpServer startPartner() {
        try {
            return new PartnerHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample with its certificate number replaced, so each test's document is its own. */
    protected static byte[] sample(String name, String certificateNo, String replacement) {
        try {
            String text = Files.readString(Path.of("sample-docs", "assay", name));
            return text.replace(certificateNo, replacement).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
