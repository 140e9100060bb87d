package org.corridor.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An AS2 party's key pair and certificate chain, generated with Bouncy Castle at test time (nothing secret is ever
 * committed): a test CA issues one RSA certificate per party, as a partner's real CA would.
 */
public record As2TestKeys(String name, PrivateKey privateKey, Certificate[] chain) {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** The certificate itself (the chain's first element). */
    public X509Certificate certificate() {
        return (X509Certificate) chain[0];
    }

    /** A self-signed test CA. */
    public static As2TestKeys authority(String name) {
        KeyPair pair = rsa();
        X509Certificate cert = certificate(name, pair, name, pair.getPrivate(), true);
        return new As2TestKeys(name, pair.getPrivate(), new Certificate[] {cert});
    }

    /** A party's key pair with a certificate issued by {@code issuer}; the chain ends with the issuer's. */
    public static As2TestKeys issuedBy(As2TestKeys issuer, String name) {
        KeyPair pair = rsa();
        X509Certificate cert = certificate(name, pair, issuer.name(), issuer.privateKey(), false);
        return new As2TestKeys(name, pair.getPrivate(), new Certificate[] {cert, issuer.certificate()});
    }

    /** Like {@link #issuedBy}, with a certificate that expired yesterday. */
    public static As2TestKeys expiredIssuedBy(As2TestKeys issuer, String name) {
        KeyPair pair = rsa();
        Instant now = Instant.now();
        X509Certificate cert = certificate(
                name,
                pair,
                issuer.name(),
                issuer.privateKey(),
                false,
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)));
        return new As2TestKeys(name, pair.getPrivate(), new Certificate[] {cert, issuer.certificate()});
    }

    /**
     * Writes a PKCS12 key store as a partner file's {@code as2.keyStore} names it: {@code ours} under
     * {@code ourAlias} (key and chain) and {@code partner}'s certificate under {@code partnerAlias}.
     */
    public static Path keyStore(
            Path file, String password, As2TestKeys ours, String ourAlias, As2TestKeys partner, String partnerAlias) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ourAlias, ours.privateKey(), password.toCharArray(), ours.chain());
            ks.setCertificateEntry(partnerAlias, partner.certificate());
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(
            String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey, boolean ca) {
        Instant now = Instant.now();
        return certificate(
                subject,
                subjectKeys,
                issuer,
                issuerKey,
                ca,
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(400)));
    }

    private static X509Certificate certificate(
            String subject,
            KeyPair subjectKeys,
            String issuer,
            PrivateKey issuerKey,
            boolean ca,
            Instant notBefore,
            Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name("CN=" + subject),
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKeys.getPublic()));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
