package org.corridor.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(2))),
                    new X500Name("CN=" + subject),
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKeys.getPublic()));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
