package org.corridor.base;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Corridor's side of AS2 ({@code corridor.as2.*}; issue 19, docs/mig/as2.md). Partners send AS2 messages to
 * {@code POST /as2} on the gateway's HTTP port and asynchronous receipts (MDNs) to {@code POST /as2/mdn}; which
 * partner speaks is told by the {@code AS2-From} header and proved by the signature against that partner's
 * certificate.
 *
 * @param id           our AS2 name, unless a partner file says otherwise ({@code as2.ourId}): the {@code AS2-From}
 *                     of what we send, the {@code AS2-To} partners address us by
 * @param publicUrl    the address partners reach this gateway at (scheme, host, port): the asynchronous receipts we
 *                     ask for go to {@code <publicUrl>/as2/mdn}
 * @param checkInterval how often outbound messages whose asynchronous receipt is overdue are looked for
 * @param maxPayloadBytes the largest payload an inbound message may expand to once decompressed: camel-as2 expands a
 *                     compressed payload whole in memory, before the signature is checked, so a small message could
 *                     otherwise expand into gigabytes
 */
@ConfigurationProperties(prefix = "corridor.as2")
public record As2Settings(String id, URI publicUrl, Duration checkInterval, DataSize maxPayloadBytes) {

    /** Where partners send AS2 messages. */
    public static final String INBOUND_PATH = "/as2";
    /** Where partners send asynchronous receipts. */
    public static final String MDN_PATH = "/as2/mdn";

    public As2Settings {
        id = id == null || id.isBlank() ? "CORRIDOR" : id.strip();
        if (!As2Names.valid(id)) {
            throw new IllegalArgumentException("corridor.as2.id \"" + id + "\" " + As2Names.RULE);
        }
        publicUrl = publicUrl == null ? URI.create("http://localhost:8080") : publicUrl;
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
        maxPayloadBytes = maxPayloadBytes == null ? DataSize.ofMegabytes(50) : maxPayloadBytes;
    }

    /** Where partners send asynchronous receipts for what we send. */
    public String receiptUrl() {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + MDN_PATH;
    }
}
