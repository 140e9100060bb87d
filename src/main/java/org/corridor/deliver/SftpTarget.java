package org.corridor.deliver;

import java.net.URI;
import org.corridor.base.CorridorProperties;
import org.corridor.base.CorridorProperties.Partner;

/**
 * Where an SFTP partner is reached, as the camel-ftp {@code sftp:} endpoint URI the delivery route sends to. The
 * file is written under a temporary name ({@code .inflight-}) and renamed when complete, like the folder channel;
 * each delivery opens and closes its own session, so parallel deliveries never share one.
 *
 * @param location the server and folder without credentials: what tracking records and logs show
 * @param endpointUri the endpoint URI, credentials included: never logged by us (Camel masks the password)
 */
record SftpTarget(String location, String endpointUri) {

    static SftpTarget of(String partnerId, Partner partner, CorridorProperties.Delivery delivery) {
        URI url = partner.url();
        if (url == null || url.getHost() == null || !"sftp".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalStateException(
                    "partner " + partnerId + " is an SFTP partner without a url" + " sftp://host:port");
        }
        if (partner.username() == null || partner.username().isBlank()) {
            throw new IllegalStateException("partner " + partnerId + " is an SFTP partner without a username");
        }
        if (partner.password() == null && partner.privateKeyFile() == null) {
            throw new IllegalStateException(
                    "partner " + partnerId + " is an SFTP partner with neither a password nor a private key file");
        }
        String strict = partner.strictHostKeyChecking() == null ? "yes" : partner.strictHostKeyChecking();
        if (!strict.equals("yes") && !strict.equals("no")) {
            throw new IllegalStateException(
                    "partner " + partnerId + ": strict-host-key-checking must be yes or no, not " + strict);
        }
        // the directory is relative to the login folder; "/dir" (giving sftp://host:port//dir) is absolute
        String directory = partner.directory() != null
                ? partner.directory().strip()
                : url.getPath() == null ? "" : stripLeadingSlash(url.getPath());
        String server = "sftp://" + url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : 22);
        String location = server + "/" + directory;

        StringBuilder uri = new StringBuilder(location).append("?username=").append(raw(partner.username()));
        if (partner.password() != null) {
            uri.append("&password=").append(raw(partner.password()));
        }
        if (partner.privateKeyFile() != null) {
            uri.append("&privateKeyFile=")
                    .append(raw(partner.privateKeyFile().toAbsolutePath().toString()));
        }
        if (partner.knownHostsFile() != null) {
            uri.append("&knownHostsFile=")
                    .append(raw(partner.knownHostsFile().toAbsolutePath().toString()))
                    .append("&useUserKnownHostsFile=false");
        }
        uri.append("&strictHostKeyChecking=")
                .append(strict)
                .append("&tempPrefix=.inflight-&fileExist=Override")
                .append("&connectTimeout=")
                .append(delivery.sftpConnectTimeoutMs())
                .append("&soTimeout=")
                .append(delivery.sftpTimeoutMs())
                // a session per delivery: none is left open between documents or shared between threads
                .append("&disconnect=true")
                // no retries inside the component: outbound-errors counts, logs and backs off
                .append("&maximumReconnectAttempts=0");
        return new SftpTarget(location, uri.toString());
    }

    /** Camel's RAW() keeps a value as written (no URL decoding, '+' stays '+'); RAW{} when it holds a ')'. */
    private static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    @Override
    public String toString() {
        return location;
    }
}
