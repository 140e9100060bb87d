package org.corridor.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.corridor.base.Headers;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiReceipt;
import org.corridor.parse.DocumentReader;
import org.corridor.problem.RejectedException;
import org.corridor.track.TrackingStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stage {@code process-read}: detects and parses the archived original into its canonical documents, or a large EDI
 * file message by message into batch files, or reads one such batch. Starts the file's {@link FileInProcess}. A
 * parser's refusal is held in it, not thrown: the file's interchanges are acknowledged first (stage
 * {@code process-receive}).
 */
@Component("readStage")
public class ReadStage {

    private final DocumentPipeline pipeline;
    private final TrackingStore tracking;
    private final long streamAboveBytes;
    private final int batchSize;

    ReadStage(
            DocumentPipeline pipeline,
            TrackingStore tracking,
            @Value("${corridor.process.stream-above-bytes:8000000}") long streamAboveBytes,
            @Value("${corridor.process.batch-size:500}") int batchSize) {
        this.pipeline = pipeline;
        this.tracking = tracking;
        this.streamAboveBytes = streamAboveBytes;
        this.batchSize = batchSize;
    }

    /** Starts the record of the file this message carries, and reads it. */
    public FileInProcess read(
            Exchange exchange,
            @Header(Headers.DOCUMENT_ID) String documentId,
            @Header(Headers.ARCHIVE_PATH) String archivePath,
            @Header(Headers.FILE_NAME) String fileName,
            @Header(Headers.SHA256) String sha256,
            @Header(Headers.BATCH) String batch,
            @Header(Headers.REPROCESS) String reprocess,
            @Header(Headers.INTAKE) String intake) {
        FileInProcess file = new FileInProcess(
                documentId,
                fileName,
                sha256,
                archivePath,
                batch,
                "true".equals(reprocess),
                intake,
                tracking.processing(documentId));
        exchange.setProperty(FileInProcess.PROPERTY, file);
        if (batch != null) {
            file.documents(readBatch(Path.of(batch)));
            return file;
        }
        byte[] content;
        try {
            Path archived = Path.of(archivePath);
            long size = Files.size(archived);
            if (size > Math.min(streamAboveBytes, DocumentReader.MAX_WHOLE_BYTES)) {
                byte[] head;
                try (InputStream in = Files.newInputStream(archived)) {
                    head = in.readNBytes(64 * 1024);
                }
                Detection detection = pipeline.reader().detect(head);
                if (Detection.EDIFACT.equals(detection.format()) || Detection.X12.equals(detection.format())) {
                    file.processing().detected(detection.format(), detection.messageType());
                    spool(file, archived, detection);
                    return file;
                }
                try {
                    DocumentReader.checkReadWhole(size, detection);
                } catch (RejectedException e) {
                    // refused before it is read whole: a gigabyte would take the heap every other document needs
                    file.processing().detected(detection.format(), detection.messageType());
                    file.unreadable(e);
                    file.receipts(receiptsAmong(List.of()));
                    return file;
                }
            }
            content = Files.readAllBytes(archived);
        } catch (IOException e) {
            throw new UncheckedIOException("archived original of " + documentId + " cannot be read", e);
        }
        Detection detection = pipeline.reader().detect(content);
        file.processing().detected(detection.format(), detection.messageType());
        List<Object> facts = new ArrayList<>();
        try {
            file.documents(pipeline.reader().read(content, detection, fileName, sha256, documentId, facts::add));
        } catch (RejectedException e) {
            file.unreadable(e);
        }
        file.receipts(receiptsAmong(facts));
        return file;
    }

    /** True when the file was read into batches, each to be processed as its own unit of work. */
    public boolean spooled(FileInProcess file) {
        return file.spooled() != null;
    }

    /** The batch files of a large EDI file, each handed back to the process queue. */
    public List<String> batches(FileInProcess file) {
        return file.spooled().batches();
    }

    /**
     * A large EDI file is read message by message into batch files of canonical documents (one per line) beside its
     * archived original; each batch then goes back to the process queue as its own unit of work (header
     * {@link Headers#BATCH}), so no step ever holds more than one batch. The file is accepted or refused as a whole
     * first (stage {@code process-receive}): a refused file leaves no batch behind. A redelivery after a crash starts
     * the spooling over.
     */
    private void spool(FileInProcess file, Path archived, Detection detection) throws IOException {
        Path folder = archived.resolveSibling(archived.getFileName() + ".batches");
        deleteBatches(folder);
        Files.createDirectories(folder);
        List<String> batches = new ArrayList<>();
        List<Object> facts = new ArrayList<>();
        int[] count = {0};
        BufferedWriter[] current = {null};
        try {
            pipeline.reader().stream(
                    archived,
                    detection,
                    file.fileName(),
                    file.sha256(),
                    file.documentId(),
                    document -> {
                        try {
                            if (count[0] % batchSize == 0) {
                                if (current[0] != null) {
                                    current[0].close();
                                }
                                Path next = folder.resolve("batch-" + (batches.size() + 1) + ".jsonl");
                                batches.add(next.toString());
                                current[0] = Files.newBufferedWriter(next, StandardCharsets.UTF_8);
                            }
                            current[0].write(CanonicalJson.writeLine(document));
                            current[0].write('\n');
                            count[0]++;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    facts::add);
        } catch (RejectedException e) {
            file.unreadable(e);
        } finally {
            if (current[0] != null) {
                current[0].close();
            }
        }
        file.receipts(receiptsAmong(facts));
        file.spooled(new FileInProcess.Spooled(folder, List.copyOf(batches), count[0], batchSize));
    }

    /** One batch of a large file: its documents, read back from their canonical JSON lines. */
    private static List<CanonicalDocument> readBatch(Path batch) {
        List<CanonicalDocument> documents = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(batch, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    documents.addAll(CanonicalJson.readAll(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("batch " + batch + " cannot be read", e);
        }
        return documents;
    }

    private static List<EdiReceipt> receiptsAmong(List<Object> facts) {
        return facts.stream()
                .filter(EdiReceipt.class::isInstance)
                .map(EdiReceipt.class::cast)
                .toList();
    }

    /** Removes a large file's batch folder (a refused file, or a spooling started over). */
    static void deleteBatches(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }
}
