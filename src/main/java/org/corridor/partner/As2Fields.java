package org.corridor.partner;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.component.as2.api.AS2EncryptionAlgorithm;
import org.apache.camel.component.as2.api.AS2SignatureAlgorithm;
import org.corridor.base.As2Names;
import org.corridor.base.CorridorProperties.Channel;

/**
 * The checks of a partner file's {@code as2:} block, each fault naming the field. Weak algorithms are refused: MD5 and
 * SHA-1 signatures and digests, DES, RC2, RC4 and the other ciphers a partner should not be offered.
 */
final class As2Fields {

    /** The signatures we sign with and accept. */
    static final Set<String> SIGNING = Set.of(
            "SHA256WITHRSA",
            "SHA384WITHRSA",
            "SHA512WITHRSA",
            "SHA256WITHRSAANDMGF1",
            "SHA384WITHRSAANDMGF1",
            "SHA512WITHRSAANDMGF1",
            "SHA256WITHECDSA",
            "SHA384WITHECDSA",
            "SHA512WITHECDSA");

    /** The ciphers we encrypt with. */
    static final Set<String> ENCRYPTION =
            Set.of("AES128_CBC", "AES192_CBC", "AES256_CBC", "AES128_GCM", "AES192_GCM", "AES256_GCM", "DES_EDE3_CBC");

    /** MIC digests, as a partner file may write them, to the name we ask for (RFC 5751). */
    static final Map<String, String> MIC = Map.of(
            "sha-256", "sha-256", "sha256", "sha-256", "sha-384", "sha-384", "sha384", "sha-384", "sha-512", "sha-512",
            "sha512", "sha-512");

    private As2Fields() {}

    static void check(PartnerProfile p, List<String> faults) {
        PartnerProfile.As2 a = p.as2();
        boolean as2Channel = p.endpoint() != null && p.endpoint().channel() == Channel.AS2;
        if (a == null) {
            if (as2Channel) {
                faults.add("field \"as2\" is missing: channel AS2 needs the partner's AS2 id and key store");
            }
            return;
        }
        if (!As2Names.valid(a.id())) {
            faults.add("field \"as2.id\" (the partner's AS2 name) " + As2Names.RULE
                    + (a.id() == null ? " and is missing" : ", not \"" + a.id() + "\""));
        }
        if (a.ourId() != null && !As2Names.valid(a.ourId())) {
            faults.add("field \"as2.ourId\" " + As2Names.RULE + ", not \"" + a.ourId() + "\"");
        }
        if (a.keyStore() == null) {
            faults.add("field \"as2.keyStore\" is missing: the PKCS12 key store with our key and the partner's"
                    + " certificate");
        }
        if (PartnerFiles.blank(a.keyStorePasswordProperty())) {
            faults.add("field \"as2.keyStorePasswordProperty\" is missing: the name of the property or environment"
                    + " variable holding the key store's password");
        }
        if (PartnerFiles.blank(a.ourKeyAlias())) {
            faults.add("field \"as2.ourKeyAlias\" is missing: the alias of our private key in the key store");
        }
        if (PartnerFiles.blank(a.partnerCertificateAlias())) {
            faults.add("field \"as2.partnerCertificateAlias\" is missing: the alias of the partner's certificate");
        }
        if (a.signing() != null && !SIGNING.contains(upper(a.signing()))) {
            faults.add("field \"as2.signing\": \"" + a.signing() + "\" is not one of " + sorted(SIGNING)
                    + (known(a.signing()) ? " (it is too weak)" : ""));
        }
        if (a.encryption() != null
                && !"NONE".equals(upper(a.encryption()))
                && !ENCRYPTION.contains(upper(a.encryption()))) {
            faults.add("field \"as2.encryption\": \"" + a.encryption() + "\" is not NONE or one of "
                    + sorted(ENCRYPTION) + (knownCipher(a.encryption()) ? " (it is too weak)" : ""));
        }
        if (a.compression() != null && !Set.of("ZLIB", "NONE").contains(upper(a.compression()))) {
            faults.add("field \"as2.compression\" must be ZLIB or NONE, not \"" + a.compression() + "\"");
        }
        if (a.mdn() != null) {
            if (a.mdn().micAlgorithm() != null
                    && !MIC.containsKey(a.mdn().micAlgorithm().strip().toLowerCase(Locale.ROOT))) {
                faults.add("field \"as2.mdn.micAlgorithm\" must be sha-256, sha-384 or sha-512, not \""
                        + a.mdn().micAlgorithm() + "\"");
            }
            PartnerFiles.positive(a.mdn().asyncTimeout(), "as2.mdn.asyncTimeout", faults);
        }
        for (int i = 0; i < a.receiptUrls().size(); i++) {
            URI url = a.receiptUrls().get(i);
            if (url == null
                    || url.getHost() == null
                    || !Set.of("http", "https")
                            .contains(String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT))) {
                faults.add("field \"as2.receiptUrls[" + i + "]\" must be an http:// or https:// address");
            }
        }
    }

    private static boolean known(String name) {
        try {
            AS2SignatureAlgorithm.valueOf(upper(name));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean knownCipher(String name) {
        try {
            AS2EncryptionAlgorithm.valueOf(upper(name));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
