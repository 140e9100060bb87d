package org.corridor.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;

/**
 * The keys of one AS2 partnership, read from the key store its partner file names (issue 19, docs/AS2-PLAN.md): our
 * private key and certificate chain (we sign with it and decrypt with it) and the partner's certificate (we encrypt
 * for it and check its signatures with it). Not yet read from partner files: the {@code as2:} block is still to come.
 */
record As2Keys(PrivateKey ourKey, Certificate[] ourChain, Certificate[] partnerChain) {

    /**
     * Reads the PKCS12 key store; every fault refuses the start with the partner file and the field it concerns.
     *
     * @param source the partner file, for the messages
     */
    static As2Keys load(Path source, Path keyStore, String password, String ourKeyAlias, String partnerAlias) {
        String where = source == null ? "" : source + ": ";
        KeyStore store;
        try (InputStream in = Files.newInputStream(keyStore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPartnerException(
                    where + "field \"as2.keyStore\": cannot read the PKCS12 key store " + keyStore + " ("
                            + e.getMessage() + "); check the file and the password in as2.keyStorePasswordProperty",
                    e);
        }
        try {
            Key key = store.getKey(ourKeyAlias, password == null ? new char[0] : password.toCharArray());
            if (!(key instanceof PrivateKey privateKey)) {
                throw new InvalidPartnerException(where + "field \"as2.ourKeyAlias\" names \"" + ourKeyAlias
                        + "\", which is not a private key in " + keyStore + " (it holds: " + aliases(store) + ")");
            }
            Certificate[] ours = store.getCertificateChain(ourKeyAlias);
            Certificate partner = store.getCertificate(partnerAlias);
            if (partner == null) {
                throw new InvalidPartnerException(where + "field \"as2.partnerCertificateAlias\" names \""
                        + partnerAlias + "\", which is not a certificate in " + keyStore + " (it holds: "
                        + aliases(store) + ")");
            }
            return new As2Keys(privateKey, ours, new Certificate[] {partner});
        } catch (GeneralSecurityException e) {
            throw new InvalidPartnerException(
                    where + "field \"as2.ourKeyAlias\": cannot read key \"" + ourKeyAlias + "\" from " + keyStore + " ("
                            + e.getMessage() + ")",
                    e);
        }
    }

    private static String aliases(KeyStore store) throws GeneralSecurityException {
        return String.join(", ", Collections.list(store.aliases()));
    }
}
