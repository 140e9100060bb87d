package org.corridor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.RegisteredPartner;
import org.junit.jupiter.api.Test;

/** Where {@code POST /as2} posts an asynchronous receipt: only to an address the partner file lists. */
class As2ReceiptAddressTest {

    private static final RegisteredPartner.As2 AS2 = new RegisteredPartner.As2(
            "USSMUS-AS2",
            "CORRIDOR",
            null,
            null,
            null,
            "SHA256WITHRSA",
            null,
            null,
            PartnerProfile.MdnMode.SYNC,
            "sha-256",
            Duration.ofHours(1),
            List.of(URI.create("https://as2.ussm.example/as2/mdn"), URI.create("http://10.0.0.7:8080/as2/mdn")));

    @Test
    void aListedAddressIsTakenWhateverItsQueryAndTheCaseOfItsHost() {
        assertThat(As2Controller.listed(AS2, "https://as2.ussm.example/as2/mdn"))
                .hasToString("https://as2.ussm.example/as2/mdn");
        assertThat(As2Controller.listed(AS2, "https://AS2.ussm.example:443/as2/mdn?as2From=CORRIDOR"))
                .as("Corridor's own receipt addresses name the sender in the query")
                .hasToString("https://AS2.ussm.example:443/as2/mdn?as2From=CORRIDOR");
        assertThat(As2Controller.listed(AS2, "http://10.0.0.7:8080/as2/mdn")).isNotNull();
    }

    @Test
    void anyOtherAddressIsRefused() {
        for (String other : List.of(
                "http://as2.ussm.example/as2/mdn",
                "https://as2.ussm.example:8443/as2/mdn",
                "https://as2.ussm.example/as2/mdn/../../admin",
                "https://evil@as2.ussm.example/as2/mdn",
                "https://as2.ussm.example.evil.example/as2/mdn",
                "http://10.0.0.7/as2/mdn",
                "http://169.254.169.254/latest/meta-data",
                "not a url at all",
                "")) {
            assertThat(As2Controller.listed(AS2, other)).as(other).isNull();
        }
    }
}
