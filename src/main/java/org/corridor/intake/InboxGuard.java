package org.corridor.intake;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.AntFilter;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.corridor.base.FileNames;
import org.corridor.base.Hashing;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.process.Rejections;
import org.corridor.track.ReceivedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks an inbox folder before each poll, so that every entry either goes to intake or leaves with a reason. Camel's
 * file consumer would follow a symbolic link (and archive {@code /etc/passwd} through one), block forever opening a
 * named pipe, and never take a file whose name holds a backslash (it reads one as a path separator) or bytes that are
 * not UTF-8 ({@code java.io.File} loses them): such a file stayed in the inbox, without a word. So, before each poll:
 * <ul>
 * <li>an entry that is not a regular file (a link, to a file or a folder, a pipe, a socket, a device) is refused
 * unread: REJECTED ({@link ErrorCode#NOT_A_REGULAR_FILE}) with a note in {@code error/}, and removed from the inbox —
 * the link itself, never what it points to;</li>
 * <li>a regular file whose name the consumer cannot take is renamed in place to its safe name
 * ({@link FileNames#forDisk}); intake learns the name it came with from {@link #receivedName}.</li>
 * </ul>
 * Files still being written (hidden ones, and those matching {@code corridor.intake.in-progress-patterns}) are left
 * to their writer, and folders are left where they are (the consumer does not go into them). As the consumer's file
 * filter it lets regular files through only, so an entry swapped for a link after the check waits for the next one.
 */
@Component("inboxGuard")
class InboxGuard extends DefaultPollingConsumerPollStrategy implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxGuard.class);
    /** File type bits of {@code unix:mode}. */
    private static final int S_IFMT = 0170000;

    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    private final Rejections rejections;
    private final AntFilter inProgress = new AntFilter();
    /** The names renamed files came with, by their new path, until intake takes them. */
    private final Map<Path, String> renamed = new ConcurrentHashMap<>();
    /** Folders found in an inbox, reported once each. */
    private final Set<Path> foldersReported = ConcurrentHashMap.newKeySet();

    InboxGuard(Rejections rejections, @Value("${corridor.intake.in-progress-patterns}") String inProgressPatterns) {
        this.rejections = rejections;
        this.inProgress.setExcludes(inProgressPatterns);
    }

    /** Before each poll of an inbox folder. Never fails the poll: what it could not settle, it tries again later. */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (endpoint instanceof FileEndpoint file) {
            Path dir = file.getFile().toPath().toAbsolutePath().normalize();
            try {
                check(dir, dir.getFileName().toString());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not check inbox {}: {}", dir, e.toString());
            }
        }
        return true;
    }

    /** Only regular files go to intake, checked without following a link. */
    @Override
    public boolean accept(GenericFile<File> file) {
        return Files.isRegularFile(file.getFile().toPath(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The name a file renamed by this guard came with (as received, {@link FileNames#received}), once: empty when it
     * was not renamed. After a restart it is forgotten, and the file goes on under its safe name.
     */
    Optional<String> receivedName(Path file) {
        return Optional.ofNullable(renamed.remove(file.toAbsolutePath().normalize()));
    }

    void check(Path dir, String inbox) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                // the stream's path keeps the name's bytes, even those that are not UTF-8; its text may not
                String name = entry.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (attributes.isDirectory()) {
                    if (foldersReported.add(entry)) {
                        LOG.warn(
                                "Folder \"{}\" in inbox {} is left alone: Corridor takes files, not folders",
                                FileNames.forLog(name),
                                inbox);
                    }
                } else if (!attributes.isRegularFile()) {
                    refuse(entry, name, inbox, attributes);
                } else if (!stillBeingWritten(name) && !addressable(dir, name)) {
                    rename(dir, entry, name, inbox);
                }
            }
        }
    }

    /** Hidden files and in-progress names are left to the program writing them, which renames them when done. */
    private boolean stillBeingWritten(String name) {
        boolean onlyDots = name.chars().allMatch(c -> c == '.' || Character.isWhitespace(c));
        return !onlyDots && (name.startsWith(".") || !inProgress.accept(false, name));
    }

    /**
     * Whether the file consumer can take the file by its name: no backslash (a path separator to Camel), a name that
     * reaches the same file when written back as text (not so for bytes that are not UTF-8), and not only dots (hidden
     * to Camel, yet no file being written).
     */
    private static boolean addressable(Path dir, String name) {
        return name.indexOf('\\') < 0
                && !name.chars().allMatch(c -> c == '.' || Character.isWhitespace(c))
                && Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    private void rename(Path dir, Path entry, String name, String inbox) throws IOException {
        String received = FileNames.received(name);
        String safe = FileNames.forDisk(received, FileNames.UNNAMED);
        Path target = dir.resolve(safe);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            int dot = safe.lastIndexOf('.');
            String tag = "~" + Hashing.sha256Hex(received).substring(0, 8);
            target = dir.resolve(dot > 0 ? safe.substring(0, dot) + tag + safe.substring(dot) : safe + tag);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return; // taken too: tried again at the next poll, once that one has gone
            }
        }
        // a rename in the same folder keeps the file (and a writer still writing it); the read lock still waits
        try {
            Files.move(entry, target);
        } catch (NoSuchFileException | FileAlreadyExistsException renamedByAnotherNode) {
            // in a cluster every node guards the shared inbox: another node renamed it first
            return;
        }
        renamed.put(target, received);
        LOG.warn(
                "Renamed \"{}\" in inbox {} to \"{}\": the file consumer cannot take that name as it is",
                FileNames.forLog(received),
                inbox,
                target.getFileName());
    }

    private void refuse(Path entry, String name, String inbox, BasicFileAttributes attributes) throws IOException {
        String what = describe(entry, attributes);
        Instant modified = attributes.lastModifiedTime().toInstant();
        String source = "folder:" + inbox + "/" + name + "@" + modified.toEpochMilli() + "#" + what;
        String documentId = IntakeService.documentId(source, "", modified);
        rejections.refusedUnread(
                new ReceivedFile(documentId, FileNames.received(name), "folder:" + inbox, "", 0, "", modified),
                new Problem(
                        ErrorCode.NOT_A_REGULAR_FILE,
                        Location.NONE,
                        "This is " + what
                                + ", not a regular file. Corridor takes only files themselves from its inbox and never reads through"
                                + " a link; drop the file itself."));
        // the entry itself: deleting a link never touches what it points to
        Files.deleteIfExists(entry);
    }

    /** What the entry is, in words: {@code a symbolic link to /etc/passwd}, {@code a named pipe (FIFO)}. */
    private static String describe(Path entry, BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            try {
                return "a symbolic link to "
                        + FileNames.forLog(Files.readSymbolicLink(entry).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return "a symbolic link";
            }
        }
        try {
            int type = (Integer) Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            if (type == S_IFIFO) {
                return "a named pipe (FIFO)";
            }
            if (type == S_IFSOCK) {
                return "a socket";
            }
            return "a device";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file (neither a file nor a folder)";
        }
    }
}
