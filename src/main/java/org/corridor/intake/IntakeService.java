package org.corridor.intake;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.corridor.base.FileNames;
import org.corridor.base.FileWrites;
import org.corridor.base.FolderLayout;
import org.corridor.base.Hashing;
import org.corridor.base.Headers;
import org.corridor.track.ReceivedFile;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first thing that happens to every document: its original bytes are archived with their SHA-256 and it gets
 * its document id, before it is handed to processing on a durable queue. The id is derived from where the bytes came
 * from (file name and modification time, or the JMS message id) and their hash, so a document picked up twice after
 * a crash gets the same id and is never processed as two documents. Whatever the channel, the name a document came
 * with is kept as received ({@link FileNames#received}) and made safe for disk and logs in one way ({@link FileNames}).
 */
@Component("intakeService")
public class IntakeService {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final FolderLayout folders;
    private final TrackingStore tracking;
    private final InboxGuard guard;

    IntakeService(FolderLayout folders, TrackingStore tracking, InboxGuard guard) {
        this.folders = folders;
        this.tracking = tracking;
        this.guard = guard;
    }

    /** A file picked up from an inbox folder (the route has waited until it was complete). */
    public void receiveFile(Exchange exchange, String inbox) {
        Message in = exchange.getIn();
        // the name on disk makes the document id, so a file taken twice after a crash gets the same one
        String onDisk = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long modified = in.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        java.io.File picked = in.getBody(java.io.File.class);
        if (picked == null) {
            // a body already in memory (a file endpoint other than camel-file, or a test)
            byte[] content = in.getBody(byte[].class);
            String source = "folder:" + inbox + "/" + onDisk + "@" + modified + "#" + content.length;
            receive(
                    exchange,
                    content,
                    FileNames.received(onDisk),
                    "folder:" + inbox,
                    source,
                    Instant.ofEpochMilli(modified));
            return;
        }
        Path file = picked.toPath();
        String fileName = guard.receivedName(file).orElseGet(() -> FileNames.received(onDisk));
        receiveStreamed(
                exchange,
                file,
                fileName,
                "folder:" + inbox,
                "folder:" + inbox + "/" + onDisk + "@" + modified,
                Instant.ofEpochMilli(modified));
    }

    /**
     * A file on this machine (an inbox's, or one downloaded from a partner's SFTP folder) streamed to the archive in
     * one pass, hashed on the way, never read into memory: a file may be hundreds of MB. It lands under a temporary
     * name, then takes its name once the hash gave it its id. {@code source} is completed with {@code #<length>}.
     */
    private void receiveStreamed(
            Exchange exchange, Path file, String fileName, String intake, String source, Instant receivedAt) {
        Path incoming = null;
        try {
            Path dir = folders.archive().resolve(DAY_PATH.format(receivedAt));
            Files.createDirectories(dir);
            incoming = FileWrites.temporaryIn(dir);
            MessageDigest digest = Hashing.digest();
            // never through a link, should one have replaced the file since the inbox was checked
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("it is no longer a regular file; the inbox check refuses it at the next poll");
            }
            try (InputStream picking =
                    new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
                Files.copy(picking, incoming);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            long length = Files.size(incoming);
            Path copied = incoming;
            receive(
                    exchange,
                    target -> Files.move(
                            copied, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE),
                    length,
                    sha,
                    fileName,
                    intake,
                    source + "#" + length,
                    receivedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot archive " + FileNames.forLog(fileName) + " from " + intake + ": " + e.getMessage(), e);
        } finally {
            if (incoming != null) {
                try {
                    Files.deleteIfExists(incoming); // moved already, unless archiving failed
                } catch (IOException e) {
                    LOG.warn("Could not remove {}: {}", incoming, e.getMessage());
                }
            }
        }
    }

    /** A document sent on the intake queue: body = the file's bytes, header CorridorFileName = its name. */
    public void receiveMessage(Exchange exchange, String queue) {
        Message in = exchange.getIn();
        byte[] content = in.getBody(byte[].class);
        if (content == null) {
            content = new byte[0];
        }
        String messageId = in.getHeader("JMSMessageID", String.class);
        Long timestamp = in.getHeader("JMSTimestamp", Long.class);
        String named = in.getHeader(Headers.FILE_NAME, String.class);
        String fileName =
                named != null && !named.isBlank() ? FileNames.received(named) : messageId.replace(':', '_') + ".dat";
        Instant sent = timestamp != null && timestamp > 0 ? Instant.ofEpochMilli(timestamp) : Instant.now();
        receive(exchange, content, fileName, "jms:" + queue, "jms:" + messageId, sent);
    }

    /**
     * A file taken from a partner's SFTP folder: like a dropped file, with the partner as its intake
     * ({@code sftp:<PARTNER>}).
     */
    public void receiveSftpFile(Exchange exchange, String partnerId) {
        Message in = exchange.getIn();
        String onServer = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long modified = in.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        Instant when = modified != null && modified > 0 ? Instant.ofEpochMilli(modified) : Instant.now();
        String source = "sftp:" + partnerId + "/" + onServer + "@" + when.toEpochMilli();
        // downloaded into the route's local work folder (SftpIntakeRoutes): streamed from there, never held whole
        File downloaded = in.getBody(File.class);
        if (downloaded != null) {
            receiveStreamed(
                    exchange, downloaded.toPath(), FileNames.received(onServer), "sftp:" + partnerId, source, when);
            return;
        }
        byte[] content = in.getBody(byte[].class);
        receive(
                exchange,
                content,
                FileNames.received(onServer),
                "sftp:" + partnerId,
                source + "#" + content.length,
                when);
    }

    /**
     * The body of a partner's upload, written to the archive folder under a temporary name and hashed on the way, never
     * held in memory; at most {@code maxBytes} are read. A longer body is cut off there and its spool deleted
     * ({@link TooLarge}). It becomes a document only with {@link #acceptUpload}; {@link #discard} removes it.
     */
    public Spooled spoolUpload(InputStream body, long maxBytes) throws IOException {
        return spoolUpload(body, maxBytes, 0, Duration.ZERO);
    }

    /**
     * {@link #spoolUpload(InputStream, long)}, and refuses a body that comes too slowly: once {@code grace} has passed,
     * at least {@code minBytesPerSecond} for every second after it must have arrived ({@link TooSlow}), so a client
     * trickling a few bytes at a time cannot hold a request thread for hours. Zero: no minimum.
     */
    public Spooled spoolUpload(InputStream body, long maxBytes, long minBytesPerSecond, Duration grace)
            throws IOException {
        Instant now = Instant.now();
        long started = System.nanoTime();
        long graceNanos = grace.toNanos();
        Path dir = folders.archive().resolve(DAY_PATH.format(now));
        Files.createDirectories(dir);
        Path incoming = FileWrites.temporaryIn(dir);
        MessageDigest digest = Hashing.digest();
        long length = 0;
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(incoming)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                length += n;
                if (length > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                if (minBytesPerSecond > 0) {
                    long elapsed = System.nanoTime() - started;
                    long late = elapsed - graceNanos;
                    if (late > 0 && length < minBytesPerSecond * (late / 1_000_000_000.0)) {
                        throw new TooSlow(length, Duration.ofNanos(elapsed), minBytesPerSecond, grace);
                    }
                }
            }
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(incoming);
            }
        }
        return new Spooled(incoming, length, HexFormat.of().formatHex(digest.digest()), now);
    }

    /** An upload that came more slowly than the gateway waits for; nothing of it was kept. */
    public static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(long received, Duration after, long minBytesPerSecond, Duration grace) {
            super("the body came too slowly: " + received + " bytes in " + after.toMillis() + " ms, where at least "
                    + minBytesPerSecond + " bytes a second are expected after the first " + grace.toSeconds() + " s");
        }
    }

    /** An upload spooled by {@link #spoolUpload}: where it is, how long it is, its SHA-256, when it came. */
    public record Spooled(Path file, long length, String sha256, Instant receivedAt) {}

    /** An upload longer than the gateway takes; nothing of it was kept. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("the body is longer than " + maxBytes + " bytes");
        }
    }

    /**
     * A spooled upload a partner POSTed to {@code /api/inbound} becomes a document: it takes its archive name and is
     * recorded with the partner as its intake ({@code http:<PARTNER>}). Returns the headers of the hand-off to
     * processing, which the caller sends. The same bytes under the same name from the same partner on the same day
     * are the same document, so a client that retries after a lost answer does not make a second one.
     */
    public Map<String, String> acceptUpload(Spooled upload, String fileName, String partnerId) {
        return acceptUpload(upload, fileName, partnerId, "http");
    }

    /**
     * {@link #acceptUpload(Spooled, String, String)} for an upload that came over {@code channel} ({@code http} or
     * {@code as2}): the document's intake is {@code <channel>:<PARTNER>}.
     */
    public Map<String, String> acceptUpload(Spooled upload, String fileName, String partnerId, String channel) {
        String name = FileNames.received(fileName);
        Instant now = upload.receivedAt();
        String sha = upload.sha256();
        String intake = channel + ":" + partnerId;
        String documentId = documentId(intake + "/" + name + "#" + upload.length(), sha, now);
        Path archived = archive(
                documentId,
                name,
                target -> Files.move(
                        upload.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE),
                sha,
                now);
        tracking.received(new ReceivedFile(documentId, name, intake, sha, upload.length(), archived.toString(), now));
        LOG.info(
                "Received {} as {} via {} from partner {} ({} bytes, sha256 {})",
                FileNames.forLog(name),
                documentId,
                channel.toUpperCase(java.util.Locale.ROOT),
                partnerId,
                upload.length(),
                sha);
        return Headers.forProcessing(documentId, name, archived.toString(), sha, intake);
    }

    /**
     * A spooled upload a member of staff sent from the console or {@code POST /api/documents} becomes a document, like
     * a file dropped in the inbox (staff are trusted as the inbox is): intake {@code console:<user>}. Returns the
     * hand-off headers, which the caller sends.
     */
    public Map<String, String> acceptStaffUpload(Spooled upload, String fileName, String user) {
        String name = FileNames.received(fileName);
        Instant now = upload.receivedAt();
        String sha = upload.sha256();
        String intake = "console:" + (user.length() > 100 ? user.substring(0, 100) : user);
        String documentId =
                documentId(intake + "/" + name + "#" + upload.length() + "@" + now.toEpochMilli(), sha, now);
        Path archived = archive(
                documentId,
                name,
                target -> Files.move(
                        upload.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE),
                sha,
                now);
        tracking.received(new ReceivedFile(documentId, name, intake, sha, upload.length(), archived.toString(), now));
        LOG.info(
                "Received {} as {} uploaded by {} ({} bytes, sha256 {})",
                FileNames.forLog(name),
                documentId,
                FileNames.forLog(user),
                upload.length(),
                sha);
        return Headers.forProcessing(documentId, name, archived.toString(), sha, intake);
    }

    /** Removes a spooled upload that is refused. */
    public void discard(Spooled upload) {
        try {
            Files.deleteIfExists(upload.file());
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", upload.file(), e.getMessage());
        }
    }

    static String documentId(String source, String sha, Instant receivedAt) {
        return "D-" + DAY.format(receivedAt) + "-"
                + Hashing.sha256Hex(source + "\n" + sha).substring(0, 12);
    }

    private void receive(
            Exchange exchange, byte[] content, String fileName, String intake, String source, Instant receivedAt) {
        receive(
                exchange,
                target -> Files.write(target, content),
                content.length,
                Hashing.sha256Hex(content),
                fileName,
                intake,
                source,
                receivedAt);
    }

    /** Writes a received document's bytes to its archive path. */
    private interface Content {
        void writeTo(Path target) throws IOException;
    }

    private void receive(
            Exchange exchange,
            Content content,
            long length,
            String sha,
            String fileName,
            String intake,
            String source,
            Instant receivedAt) {
        String documentId = documentId(source, sha, receivedAt);
        Path archived = archive(documentId, fileName, content, sha, receivedAt);
        tracking.received(new ReceivedFile(documentId, fileName, intake, sha, length, archived.toString(), receivedAt));
        LOG.info(
                "Received {} as {} via {} ({} bytes, sha256 {})",
                FileNames.forLog(fileName),
                documentId,
                intake,
                length,
                sha);

        Message in = exchange.getIn();
        in.removeHeaders("*");
        Headers.forProcessing(documentId, fileName, archived.toString(), sha, intake)
                .forEach(in::setHeader);
        in.setBody(documentId);
    }

    /**
     * Writes the original bytes under {@code archive/yyyy/MM/dd/} as {@code <document id>__<name made safe>}, with a
     * {@code .sha256} file beside them in the format {@code sha256sum -c} reads. No temporary name is needed: nothing
     * refers to the archived copy until the tracking row and the hand-off are committed after this, and a crash before
     * that makes intake take the same file again, under the same document id, and overwrite any partial copy.
     */
    private Path archive(String documentId, String fileName, Content content, String sha, Instant receivedAt) {
        Path dir = folders.archive().resolve(DAY_PATH.format(receivedAt));
        Path target = dir.resolve(documentId + "__" + FileNames.forDisk(fileName, FileNames.UNNAMED));
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            content.writeTo(target);
            Files.writeString(dir.resolve(target.getFileName() + ".sha256"), sha + "  " + target.getFileName() + "\n");
        } catch (IOException e) {
            // the file stays in the inbox (or the message on its queue) and is tried again
            throw new IllegalStateException(
                    "cannot archive " + FileNames.forLog(fileName) + " in " + dir + ": " + e.getMessage(), e);
        }
        return target;
    }
}
