package org.corridor.support.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The distinct documents a kill -9 trial drops, made from the samples with numbers of their own so that every output
 * names the file it came from: lab CSV certificates, EDIFACT QALITY and X12 863 interchanges (each acknowledged to the
 * lab), and export declaration worksheets (counted against the copper quota).
 */
public final class CrashDocuments {

    /** The weight each declaration counts against the quota and the permit. */
    public static final BigDecimal TONNES_PER_DECLARATION = new BigDecimal("0.010");

    /** Finds the number of a dropped document in any output made of it. */
    static final Pattern TAG = Pattern.compile("DUR-T\\d+-[AEX]\\d{4}|PQEX-DURT\\d+-D\\d{4}-14102025");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a document is, for what it must become. */
    public enum Kind {
        /** A lab CSV certificate: to the buyer (HTTP) and the exporter (folder). */
        ASSAY,
        /** An EDIFACT QALITY interchange: the same, and a CONTRL to the lab. */
        EDI,
        /** An X12 863 interchange: the same, and a 997 to the lab. */
        X12,
        /** A PSW export declaration worksheet: to the exporter, counted against the quota. */
        DECLARATION;

        /** Whether the lab gets an acknowledgement of it. */
        public boolean acknowledged() {
            return this == EDI || this == X12;
        }

        /** Deliveries it makes: the partners' copies and the acknowledgement to the lab. */
        public int deliveries() {
            return switch (this) {
                case ASSAY -> 2;
                case EDI, X12 -> 3;
                case DECLARATION -> 1;
            };
        }
    }

    /** One dropped document: its file name, the number that identifies it in every output, its interchange number. */
    public record Doc(int trial, Kind kind, String name, String tag, String ediRef) {}

    private final Path samples;

    /** Documents made from the samples under {@code samples} (the project's sample-docs/). */
    public CrashDocuments(Path samples) {
        this.samples = samples;
    }

    /**
     * {@code count} documents for trial {@code trial}: a quarter EDIFACT, an eighth X12 (when {@code withX12}), a
     * quarter declarations, the rest lab CSV certificates.
     */
    public static List<Doc> documents(int trial, int count, boolean withX12) {
        int edi = Math.max(1, count / 4);
        int x12 = withX12 ? Math.max(1, count / 8) : 0;
        int declarations = Math.max(1, count / 4);
        int assays = Math.max(1, count - edi - x12 - declarations);
        List<Doc> docs = new ArrayList<>();
        for (int i = 1; i <= assays; i++) {
            String tag = "DUR-T%d-A%04d".formatted(trial, i);
            docs.add(new Doc(trial, Kind.ASSAY, tag + ".csv", tag, null));
        }
        for (int i = 1; i <= edi; i++) {
            String tag = "DUR-T%d-E%04d".formatted(trial, i);
            docs.add(new Doc(trial, Kind.EDI, tag + ".edi", tag, "DU%d%04d".formatted(trial, i)));
        }
        for (int i = 1; i <= x12; i++) {
            String tag = "DUR-T%d-X%04d".formatted(trial, i);
            // ISA13 is nine digits, GS06 up to nine: the trial and the number, unique within a home
            docs.add(new Doc(trial, Kind.X12, tag + ".x12", tag, "%05d%04d".formatted(trial, i)));
        }
        for (int i = 1; i <= declarations; i++) {
            docs.add(new Doc(
                    trial,
                    Kind.DECLARATION,
                    "DUR-T%d-D%04d.json".formatted(trial, i),
                    "PQEX-DURT%d-D%04d-14102025".formatted(trial, i),
                    null));
        }
        return docs;
    }

    /** The sample with the document's own numbers (certificate, lots, interchange reference, declaration). */
    public byte[] content(Doc doc) {
        try {
            return switch (doc.kind()) {
                case ASSAY ->
                    Files.readString(samples.resolve("assay/KHILAB-CU-2025-0147.csv"))
                            .replace("KHILAB-CU-2025-0147", doc.tag())
                            .replace("FWO-CU-L0", doc.tag() + "-L0")
                            .getBytes(StandardCharsets.UTF_8);
                case EDI ->
                    Files.readString(samples.resolve("edifact/KHILAB-QALITY-CU-2025-0147.edi"))
                            .replace("KHILAB-CU-2025-0147", doc.tag())
                            .replace("FWO-CU-L0", doc.tag() + "-L0")
                            .replace("KH250147", doc.ediRef())
                            .getBytes(StandardCharsets.UTF_8);
                case X12 ->
                    Files.readString(samples.resolve("x12/KHILAB-863-KHILAB-CU-2025-0147.x12"))
                            .replace("KHILAB-CU-2025-0147", doc.tag())
                            .replace("FWO-CU-L0", doc.tag() + "-L0")
                            .replace("|000000147|", "|" + doc.ediRef() + "|")
                            .replace("|1200|147|X|", "|1200|" + doc.ediRef() + "|X|")
                            .replace("GE|1|147~", "GE|1|" + doc.ediRef() + "~")
                            .replace("IEA|1|000000147~", "IEA|1|" + doc.ediRef() + "~")
                            .getBytes(StandardCharsets.UTF_8);
                case DECLARATION -> declaration(doc.tag());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Into {@code home}'s inbox as a complete file: written under a name intake skips, then renamed. */
    public void drop(Path home, String name, byte[] content) {
        try {
            Path inbox = Files.createDirectories(home.resolve("inbox/any"));
            Path partial = Files.write(inbox.resolve(name + ".tmp"), content);
            Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The copper export declaration with its own number and invoice, no containers (so that it joins no other
     * document's shipment) and 10 kg on its line, so that the quota is never the limit however many are dropped.
     */
    private byte[] declaration(String gdNumber) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(
                samples.resolve("customs/PSW-SD-FWO-2025-0147.json").toFile());
        root.put("gdNumber", gdNumber);
        root.put("invoiceNo", gdNumber + "-INV");
        root.remove("containers");
        ObjectNode line = (ObjectNode) root.get("lines").get(0);
        ((ObjectNode) line.get("quantity")).put("value", TONNES_PER_DECLARATION);
        line.put("grossWeightKg", new BigDecimal("10.50"));
        line.put("netWeightKg", new BigDecimal("10.00"));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
