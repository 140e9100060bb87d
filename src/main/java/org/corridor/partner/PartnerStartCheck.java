package org.corridor.partner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.corridor.base.CorridorProperties.Partner;
import org.springframework.core.env.PropertyResolver;

/**
 * What the partner registry would refuse at start, checked before the gateway starts anything: every partner file,
 * and every secret a file names. Run from {@code platform.StartupChecks}, so that a missing secret is the first line
 * an operator reads, not a line deep in a stack trace. The registry checks the same again when it loads.
 */
public final class PartnerStartCheck {

    private PartnerStartCheck() {}

    /**
     * Throws {@link InvalidPartnerException}, naming the file and the field, for the first bad partner file or unset
     * secret.
     *
     * @param folders     {@code corridor.partner-folders}
     * @param overrides   {@code corridor.partners}: a password set there stands in for the file's password property
     * @param environment where the secrets are looked up (environment variables, properties)
     */
    public static void check(List<Path> folders, Map<String, Partner> overrides, PropertyResolver environment) {
        Map<String, PartnerProfile> profiles = new LinkedHashMap<>();
        Map<String, Path> sources = new LinkedHashMap<>();
        PartnerRegistry.readFolders(folders, profiles, sources, false);
        for (Map.Entry<String, PartnerProfile> e : profiles.entrySet()) {
            PartnerProfile p = e.getValue();
            Path source = sources.get(e.getKey());
            // the same secrets, in the same order, as PartnerRegistry.resolve asks for them
            if (p.endpoint() != null && p.endpoint().passwordProperty() != null && !passwordOverridden(p, overrides)) {
                PartnerRegistry.secret(
                        environment, p.endpoint().passwordProperty(), source, "endpoint.passwordProperty");
            }
            if (p.auth() != null) {
                PartnerRegistry.secret(environment, p.auth().secretProperty(), source, "auth.secretProperty");
            }
            if (p.tls() != null && p.tls().trustStorePasswordProperty() != null) {
                PartnerRegistry.secret(
                        environment, p.tls().trustStorePasswordProperty(), source, "tls.trustStorePasswordProperty");
            }
            if (p.inbound() != null && p.inbound().http() != null) {
                PartnerRegistry.secret(
                        environment, p.inbound().http().secretProperty(), source, "inbound.http.secretProperty");
            }
            if (p.inbound() != null
                    && p.inbound().sftp() != null
                    && p.inbound().sftp().passwordProperty() != null) {
                PartnerRegistry.secret(
                        environment, p.inbound().sftp().passwordProperty(), source, "inbound.sftp.passwordProperty");
            }
        }
    }

    private static boolean passwordOverridden(PartnerProfile p, Map<String, Partner> overrides) {
        return overrides.entrySet().stream()
                .anyMatch(o -> o.getKey().toUpperCase(Locale.ROOT).equals(p.id().toUpperCase(Locale.ROOT))
                        && o.getValue() != null
                        && o.getValue().password() != null);
    }
}
