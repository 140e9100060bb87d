package org.corridor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A partner's SFTP server for tests: Apache MINA SSHD on a free loopback port, one user and password, serving the
 * folder {@code root} (the partner's side of the files the gateway delivers).
 */
public final class SftpPartnerServer implements AutoCloseable {

    private SshServer server;
    private int port;
    private final Path root;
    private final String user;
    private final String password;

    /** Starts a server for {@code user}/{@code password} on {@code root}, its host key generated beside it. */
    public SftpPartnerServer(Path root, String user, String password) {
        this.root = root.toAbsolutePath();
        this.user = user;
        this.password = password;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open(0);
    }

    private void open(int onPort) {
        try {
            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(onPort);
            server.setKeyPairProvider(
                    new SimpleGeneratorHostKeyProvider(this.root.resolveSibling(this.root.getFileName() + ".hostkey")));
            server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(this.root));
            server.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server, dropping its sessions, as a partner's host going down (the fault campaign's). */
    public void down() {
        close();
    }

    /** Starts the server again on the same port, host key and folder, after {@link #down()}. */
    public void up() {
        open(port);
    }

    /** The gateway's arguments that make {@code partner} an SFTP partner of this server, delivering to {@code folder}. */
    public List<String> partnerArguments(String partner, String folder) {
        String prefix = "--corridor.partners." + partner + ".";
        return List.of(
                prefix + "channel=SFTP",
                prefix + "url=sftp://127.0.0.1:" + server.getPort(),
                prefix + "directory=" + folder,
                prefix + "username=" + user,
                prefix + "password=" + password,
                // the host key is generated per run; production partners set known-hosts-file instead
                prefix + "strict-host-key-checking=no");
    }

    /** The port the server listens on (loopback). */
    public int port() {
        return server.getPort();
    }

    /** The server's folder {@code folder}, as files on this machine. */
    public Path folder(String folder) {
        return root.resolve(folder);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
