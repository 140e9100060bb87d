package org.corridor.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.corridor.support.As2TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link As2Keys}: the AS2 key store a partner file will name, and the errors that name the file and the field. */
class As2KeysTest {

    private static final Path PARTNER_FILE = Path.of("var/partners/ACME.yaml");

    @TempDir
    static Path folder;

    private static As2TestKeys ours;
    private static As2TestKeys theirs;
    private static Path store;

    @BeforeAll
    static void writeKeyStore() throws Exception {
        As2TestKeys ca = As2TestKeys.authority("Keys CA");
        ours = As2TestKeys.issuedBy(ca, "CORRIDOR");
        theirs = As2TestKeys.issuedBy(ca, "ACME");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("corridor", ours.privateKey(), "secret".toCharArray(), ours.chain());
        ks.setCertificateEntry("acme", theirs.certificate());
        store = folder.resolve("ACME.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "secret".toCharArray());
        }
    }

    @Test
    void readsOurKeyAndChainAndThePartnersCertificate() {
        As2Keys keys = As2Keys.load(PARTNER_FILE, store, "secret", "corridor", "acme");

        assertThat(keys.ourKey().getEncoded()).isEqualTo(ours.privateKey().getEncoded());
        assertThat(keys.ourChain()).containsExactly(ours.chain());
        assertThat(keys.partnerChain()).containsExactly(theirs.certificate());
    }

    @Test
    void unknownKeyAliasNamesTheFileTheFieldAndWhatTheStoreHolds() {
        assertThatThrownBy(() -> As2Keys.load(PARTNER_FILE, store, "secret", "corridr", "acme"))
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageStartingWith(PARTNER_FILE + ": field \"as2.ourKeyAlias\" names \"corridr\"")
                .hasMessageContaining("acme")
                .hasMessageContaining("corridor");
    }

    @Test
    void partnerAliasWithoutCertificateNamesItsField() {
        assertThatThrownBy(() -> As2Keys.load(PARTNER_FILE, store, "secret", "corridor", "acmee"))
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageStartingWith(PARTNER_FILE + ": field \"as2.partnerCertificateAlias\" names \"acmee\"");
    }

    @Test
    void wrongPasswordNamesTheKeyStoreField() {
        assertThatThrownBy(() -> As2Keys.load(PARTNER_FILE, store, "wrong", "corridor", "acme"))
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageStartingWith(PARTNER_FILE + ": field \"as2.keyStore\": cannot read the PKCS12 key store")
                .hasMessageContaining("as2.keyStorePasswordProperty");
    }
}
