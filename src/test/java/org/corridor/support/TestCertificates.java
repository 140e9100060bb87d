package org.corridor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for HTTPS tests, made with the JDK's own keytool: a server key store (for the JDK HTTPS
 * server) and a trust store holding its certificate (for the gateway).
 */
public final class TestCertificates {

    private TestCertificates() {}

    /** Creates {@code <name>.p12} (key pair for 127.0.0.1/localhost) and {@code <name>.cer} in the folder. */
    public static Path serverKeyStore(Path folder, String name, String password) {
        return serverKeyStore(folder, name, password, "localhost", "SAN=ip:127.0.0.1,dns:localhost");
    }

    /** As {@link #serverKeyStore(Path, String, String)}, for another host name only. */
    public static Path serverKeyStore(Path folder, String name, String password, String host) {
        return serverKeyStore(folder, name, password, host, "SAN=dns:" + host);
    }

    private static Path serverKeyStore(Path folder, String name, String password, String host, String names) {
        Path store = folder.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=" + host,
                "-ext",
                names,
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-alias",
                name,
                "-keystore",
                store.toString(),
                "-storepass",
                password,
                "-file",
                folder.resolve(name + ".cer").toString());
        return store;
    }

    /**
     * A PKCS12 trust store holding the certificate {@code <name>.cer} made by {@link #serverKeyStore}; called again
     * with the same name, it adds that certificate to the store.
     */
    public static Path trustStore(Path folder, String name, String certificateName, String password) {
        Path store = folder.resolve(name + ".p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                certificateName,
                "-file",
                folder.resolve(certificateName + ".cer").toString(),
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        return store;
    }

    /** The TLS context of a server presenting the key store's certificate. */
    public static SSLContext serverContext(Path keyStore, String password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
