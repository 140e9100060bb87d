package org.corridor.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one AS2 partnership, read from the key store its partner file names (issue 19, docs/AS2-PLAN.md): our
 * private key and certificate chain (we sign with it and decrypt with it) and the partner's certificate (we encrypt
 * for it and check its signatures with it), named by the partner file's {@code as2:} block.
 */
record As2Keys(PrivateKey ourKey, Certificate[] ourChain, Certificate[] partnerChain) {

    private static final Logger LOG = LoggerFactory.getLogger(As2Keys.class);

    static {
        // camel-as2 asks for Bouncy Castle by name ("BC") for its digests, signatures and ciphers
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

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

    /**
     * Refuses a certificate that is expired or not yet valid (the partner would refuse our signatures, or we its); logs
     * a warning for one that expires within 30 days.
     */
    static void checkValidity(Path source, As2Keys keys, Instant now) {
        check(
                source,
                keys.ourChain() == null || keys.ourChain().length == 0 ? null : keys.ourChain()[0],
                "as2.ourKeyAlias",
                "our certificate",
                now);
        check(source, keys.partnerChain()[0], "as2.partnerCertificateAlias", "the partner's certificate", now);
    }

    private static void check(Path source, Certificate certificate, String field, String what, Instant now) {
        if (!(certificate instanceof X509Certificate x509)) {
            throw new InvalidPartnerException((source == null ? "" : source + ": ") + "field \"" + field + "\": " + what
                    + " is not an X.509 certificate");
        }
        Instant notAfter = x509.getNotAfter().toInstant();
        Instant notBefore = x509.getNotBefore().toInstant();
        if (now.isAfter(notAfter) || now.isBefore(notBefore)) {
            throw new InvalidPartnerException((source == null ? "" : source + ": ") + "field \"" + field + "\": "
                    + what + " (" + x509.getSubjectX500Principal().getName() + ") is valid from " + notBefore
                    + " to " + notAfter + ", not now: renew it and exchange certificates with the partner");
        }
        if (now.plus(Duration.ofDays(30)).isAfter(notAfter)) {
            LOG.warn(
                    "{}: {} ({}) expires on {}: renew it and exchange certificates with the partner",
                    source,
                    what,
                    x509.getSubjectX500Principal().getName(),
                    notAfter);
        }
    }

    private static String aliases(KeyStore store) throws GeneralSecurityException {
        return String.join(", ", Collections.list(store.aliases()));
    }
}
