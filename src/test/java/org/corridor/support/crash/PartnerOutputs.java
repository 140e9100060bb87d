package org.corridor.support.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.CrashDocuments.Kind;

/**
 * What the partners hold, by the number of the document it came from: the exporter's folder (FWOPK), the buyer's
 * POSTs (USSMUS over HTTP) and the lab's acknowledgements (KHILAB over SFTP: CONTRL by interchange reference, 997 by
 * group number).
 */
public final class PartnerOutputs {

    /** The interchange header of an EDIFACT interchange Corridor wrote: sender, receiver, control reference. */
    private static final Pattern UNB =
            Pattern.compile("UNB\\+[^+']*\\+([^+:']+)[^+']*\\+([^+:']+)[^+']*\\+[^+']*\\+" + "([^+:']+)");
    /** The interchange header of an X12 interchange: its element separator, then sender, receiver, control number. */
    private static final Pattern ISA = Pattern.compile(
            "ISA(.)(?:[^~]*?\\1){5}\\s*([^~]*?)\\s*\\1[^~]*?\\1\\s*([^~]*?)\\s*\\1(?:[^~]*?\\1){4}(\\d{9})\\1");

    private static final Pattern UCI = Pattern.compile("UCI\\+([^+']+)\\+");
    private static final Pattern AK1 = Pattern.compile("AK1.[A-Z]{2}.(\\d+)");

    final Map<String, List<Path>> folder = new HashMap<>();
    final List<String> strayFolderFiles = new ArrayList<>();
    final Map<String, List<PartnerHttpServer.Received>> http = new HashMap<>();
    final Map<String, List<Path>> acks = new HashMap<>();
    private final Map<Path, String> ackText = new LinkedHashMap<>();

    private PartnerOutputs() {}

    /**
     * Reads the exporter's folder under {@code home}, the buyer's requests to {@code buyer} and the lab's folder on the
     * SFTP server ({@code labFolder}), attributing each to one of {@code docs}.
     */
    public static PartnerOutputs read(Path home, PartnerHttpServer buyer, Path labFolder, List<Doc> docs) {
        PartnerOutputs outputs = new PartnerOutputs();
        Set<String> tags = docs.stream().map(Doc::tag).collect(Collectors.toSet());
        for (Path file : list(home.resolve("outbox/FWOPK"))) {
            Matcher m = CrashDocuments.TAG.matcher(text(file));
            if (m.find() && tags.contains(m.group())) {
                outputs.folder
                        .computeIfAbsent(m.group(), k -> new ArrayList<>())
                        .add(file);
            } else {
                outputs.strayFolderFiles.add(file.getFileName().toString());
            }
        }
        for (PartnerHttpServer.Received post : buyer.received()) {
            // a request the partner refused (the fault campaign's 500s) is no copy it holds
            if (post.answeredWith() / 100 != 2) {
                continue;
            }
            Matcher m = CrashDocuments.TAG.matcher(post.bodyText());
            if (m.find()) {
                outputs.http.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(post);
            }
        }
        for (Path file : list(labFolder)) {
            String text = text(file);
            outputs.ackText.put(file, text);
            Matcher m = UCI.matcher(text);
            if (!m.find()) {
                m = AK1.matcher(text);
                if (!m.find()) {
                    continue;
                }
            }
            outputs.acks.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file);
        }
        return outputs;
    }

    /** Whether every one of {@code docs} has reached every partner it goes to. */
    public boolean hasEverything(List<Doc> docs) {
        return docs.stream()
                .allMatch(d -> folder.containsKey(d.tag())
                        && (d.kind() == Kind.DECLARATION || http.containsKey(d.tag()))
                        && (!d.kind().acknowledged() || acks.containsKey(ackKey(d))));
    }

    /** The files in the exporter's folder (one per delivery). */
    public List<Path> folderFiles() {
        return folder.values().stream().flatMap(List::stream).distinct().toList();
    }

    /** How many documents are in the exporter's folder. */
    public int folderDocuments() {
        return folder.size();
    }

    /** The interchange control numbers Corridor wrote, by sender and receiver ("CORRIDOR>KHILAB"). */
    Map<String, List<Long>> controlNumbers() {
        Map<String, List<Long>> numbers = new TreeMap<>();
        ackText.values().forEach(text -> {
            Matcher m = UNB.matcher(text);
            if (m.find()) {
                numbers.computeIfAbsent(m.group(1) + ">" + m.group(2), k -> new ArrayList<>())
                        .add(Long.parseLong(m.group(3)));
                return;
            }
            m = ISA.matcher(text);
            if (m.find()) {
                numbers.computeIfAbsent(m.group(2) + ">" + m.group(3), k -> new ArrayList<>())
                        .add(Long.parseLong(m.group(4)));
            }
        });
        return numbers;
    }

    /** The number an acknowledgement of {@code doc} quotes: the interchange reference, or the X12 group number. */
    static String ackKey(Doc doc) {
        // the 863's ISA13 and GS06 are the same nine digits, and the 997's AK1 quotes GS06 as written
        return doc.ediRef();
    }

    /** The document id of a file in the exporter's folder (its name up to the first dot). */
    public static String documentId(Path outboxFile) {
        String name = outboxFile.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    /** A folder's complete files: an SFTP delivery is written as .inflight-<name> and renamed when complete. */
    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".inflight-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
