package org.corridor.intake;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.corridor.base.ClusterSettings;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Leadership;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates one {@code intake-sftp} route ({@code routes/intake/}) per partner whose file has {@code inbound.sftp},
 * route id {@code intake-sftp-<PARTNER>}.
 */
@Component
class SftpIntakeRoutes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SftpIntakeRoutes.class);

    private final PartnerRegistry partners;
    private final CorridorProperties properties;
    private final ClusterSettings cluster;

    SftpIntakeRoutes(PartnerRegistry partners, CorridorProperties properties, ClusterSettings cluster) {
        this.partners = partners;
        this.properties = properties;
        this.cluster = cluster;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // the template is loaded with the YAML routes; routes are made from it once the context has started
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        List<String> created = new ArrayList<>();
        for (RegisteredPartner p : partners.all()) {
            if (p.inboundSftp() == null || camelContext.getRoute("intake-sftp-" + p.id()) != null) {
                continue;
            }
            created.add(TemplatedRouteBuilder.builder(camelContext, "intake-sftp")
                    .routeId("intake-sftp-" + p.id())
                    .parameter("partner", p.id())
                    .parameter("uri", leaderOnly(uri(p.id(), p.inboundSftp())))
                    .add());
        }
        if (!created.isEmpty()) {
            LOG.info("SFTP intake routes created: {}", created);
        }
    }

    /**
     * The camel-ftp consumer for the partner's folder; the password as RAW() so it is taken as written. Each file is
     * downloaded into a work folder of the gateway's home ({@code work/sftp-intake/<PARTNER>}), never into memory: a
     * partner's file may be hundreds of MB, and the intake streams it to the archive like a dropped file.
     */
    String uri(String partnerId, RegisteredPartner.InboundSftp inbound) {
        PartnerProfile.InboundSftp s = inbound.settings();
        URI url = s.url();
        String directory = s.directory() != null
                ? s.directory().strip()
                : url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
        StringBuilder uri = new StringBuilder("sftp://")
                .append(url.getHost())
                .append(':')
                .append(url.getPort() > 0 ? url.getPort() : 22)
                .append('/')
                .append(directory)
                .append("?username=")
                .append(raw(s.username()));
        if (inbound.password() != null) {
            uri.append("&password=").append(raw(inbound.password()));
        }
        if (s.privateKeyFile() != null) {
            uri.append("&privateKeyFile=")
                    .append(raw(s.privateKeyFile().toAbsolutePath().toString()));
        }
        if (s.knownHostsFile() != null) {
            uri.append("&knownHostsFile=")
                    .append(raw(s.knownHostsFile().toAbsolutePath().toString()))
                    .append("&useUserKnownHostsFile=false");
        }
        String strict = s.strictHostKeyChecking() == null
                ? "yes"
                : s.strictHostKeyChecking().strip().toLowerCase();
        uri.append("&strictHostKeyChecking=")
                .append(strict)
                .append("move".equals(s.after()) ? "&move=.done" : "&delete=true")
                .append("&delay=")
                .append(s.pollDelay() == null ? 10_000 : s.pollDelay().toMillis())
                // a file the partner is still uploading carries a temporary name
                .append("&antExclude=")
                .append(raw("**/*.tmp,**/*.part,**/*.filepart,**/~*"))
                .append("&connectTimeout=")
                .append(properties.delivery().sftpConnectTimeoutMs())
                .append("&soTimeout=")
                .append(properties.delivery().sftpTimeoutMs())
                .append("&throwExceptionOnConnectFailed=false")
                .append("&localWorkDirectory=")
                .append(raw(workDirectory(properties.home(), partnerId).toString()));
        return uri.toString();
    }

    /**
     * In a cluster the partner's folder is polled by the leader only (camel-master: the consumer runs on the node that
     * holds the leader's lock, and starts on another when that node dies): two nodes polling one folder would download
     * the same file twice. Alone, the gateway polls it itself.
     */
    String leaderOnly(String uri) {
        return cluster.enabled() ? "master:" + Leadership.NAMESPACE + ":" + uri : uri;
    }

    /** Where a partner's files are downloaded before they are archived. */
    static Path workDirectory(Path home, String partnerId) {
        return home.toAbsolutePath().resolve("work").resolve("sftp-intake").resolve(partnerId);
    }

    private static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }
}
