package org.corridor.bench.edi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes deterministic EDIFACT D96A QALITY interchanges (certificates of analysis for copper concentrate from the
 * Karachi lab) shaped as docs/mig/edifact-qality-d96a.md lays them out, so the same file is valid for Corridor (its
 * QALITY schema and {@code QalityMapper} map every message with no fault) and parses in Smooks's D96A pack (whose
 * QALITY structure Corridor's is a subset of). The same seed and target size always give the same bytes.
 *
 * <p>Each message: {@code BGM+1} (certificate of analysis), {@code DTM+137} issue date, {@code IMD} commodity
 * {@code CU_CONC}, {@code RFF+CT} contract, {@code NAD+MS}/{@code SE}/{@code BY}; then one {@code LIN} group per
 * sample with its role ({@code IMD+C}), lot ({@code RFF+BT}) and sample id ({@code RFF+ADD}), and per analyte a
 * {@code CCI} group: {@code CCI} (analyte as chemists write it), {@code DTM+119} analysis date, {@code MEA+AAE}
 * (significance, basis, Rec 20 unit and value) and {@code TEM} (method). One to four samples of 12 analytes per
 * message gives about 1.9 to 6.8 KB per message; the single-message file has one sample of 6 analytes (about 1 KB).
 */
final class QalityGenerator {

    /**
     * A copper-concentrate analyte: the code Corridor knows ({@code reference/analytes.csv}), the Rec 20 unit
     * ({@code P1} percent, {@code GQ} g/t, {@code 59} ppm), basis, typical value, spread, scale and method.
     */
    record Analyte(String code, String unit, String basis, String typical, String spread, int scale, String method) {
    }

    static final List<Analyte> ANALYTES = List.of(
            new Analyte("Cu", "P1", "DRY", "24.10", "3.50", 2, "ISO 10258 electrolytic"),
            new Analyte("Au", "GQ", "DRY", "3.40", "1.20", 2, "FA-AAS"),
            new Analyte("Ag", "GQ", "DRY", "58.0", "9.0", 1, "ISO 10378 fire assay, gravimetric"),
            new Analyte("As", "P1", "DRY", "0.180", "0.080", 3, "ICP-OES"),
            new Analyte("Sb", "59", "DRY", "450", "120", 0, "ICP-OES"),
            new Analyte("Bi", "59", "DRY", "88", "20", 0, "ICP-MS"),
            new Analyte("Pb", "P1", "DRY", "0.45", "0.30", 2, "ICP-OES"),
            new Analyte("Zn", "P1", "DRY", "1.20", "0.50", 2, "ICP-OES"),
            new Analyte("Hg", "59", "DRY", "0.8", "0.6", 1, "CV-AAS"),
            new Analyte("Cd", "59", "DRY", "40", "10", 0, "ICP-MS"),
            new Analyte("H2O", "P1", "AS_RECEIVED", "8.40", "0.90", 2, "ISO 10251 gravimetric 105C"),
            new Analyte("TML", "P1", "AS_RECEIVED", "10.20", "0.40", 2, "IMSBC Proctor/Fagerberg"));
    /** Analytes of the single-message (1 KB) file. */
    static final int SINGLE_ANALYTES = 6;
    static final String[] ROLES = {"SELLER", "BUYER", "UMPIRE"};
    /** Below this Hg is sent as the detection limit with significance 7 ("less than"). */
    static final BigDecimal HG_LIMIT = new BigDecimal("0.5");

    static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    /** What was written. */
    record Interchange(Path file, long bytes, long messages) {
    }

    private QalityGenerator() {
    }

    /**
     * Writes one interchange of at least {@code targetBytes}, messages of 1–4 lots (picked at random) being added
     * until the size is reached; or, if {@code singleMessage}, exactly one message of one lot (about 1 KB).
     */
    static Interchange write(Path file, long targetBytes, long seed, boolean singleMessage) throws IOException {
        Random random = new Random(seed);
        String reference = String.format(Locale.ROOT, "KH%08d", seed % 100_000_000L);
        LocalDate day = LocalDate.of(2025, 10, 15);
        long messages = 0;
        long written;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            StringBuilder s = new StringBuilder(4096);
            s.append("UNA:+.? '\n");
            s.append("UNB+UNOC:3+KHILAB:ZZZ+CORRIDOR:ZZZ+").append(day.format(YYMMDD)).append(":1030+")
                    .append(reference).append("'\n");
            written = s.length();
            out.append(s);
            do {
                s.setLength(0);
                messages++;
                int lots = singleMessage ? 1 : 1 + random.nextInt(4);
                message(s, random, messages, lots, day.plusDays(messages % 300), singleMessage);
                written += s.length();
                out.append(s);
            } while (!singleMessage && written < targetBytes - 20);
            s.setLength(0);
            s.append("UNZ+").append(messages).append('+').append(reference).append("'\n");
            written += s.length();
            out.append(s);
        }
        return new Interchange(file, Files.size(file), messages);
    }

    private static void message(StringBuilder s, Random random, long number, int lots, LocalDate issued,
            boolean singleMessage) {
        int start = s.length();
        String certificate = String.format(Locale.ROOT, "KHILAB-CU-%07d", number);
        s.append("UNH+").append(number).append("+QALITY:D:96A:UN'\n");
        s.append("BGM+1+").append(certificate).append("+9'\n");
        s.append("DTM+137:").append(issued.format(CCYYMMDD)).append(":102'\n");
        s.append("IMD+C++CU_CONC::ZZZ'\n");
        s.append("RFF+CT:USSM-FWO-2025-CU-001'\n");
        s.append("NAD+MS+KHILAB::ZZZ++Karachi Minerals Testing Laboratory'\n");
        s.append("NAD+SE+FWOPK::ZZZ++Frontier Works Organisation'\n");
        s.append("NAD+BY+USSMUS::ZZZ++US Strategic Metals'\n");
        String analysed = issued.minusDays(3).format(CCYYMMDD);
        List<Analyte> analytes = singleMessage ? ANALYTES.subList(0, SINGLE_ANALYTES) : ANALYTES;
        for (int lot = 1; lot <= lots; lot++) {
            s.append("LIN+").append(lot).append("'\n");
            s.append("IMD+C++").append(ROLES[random.nextInt(ROLES.length)]).append("::ZZZ'\n");
            s.append("RFF+BT:FWO-CU-").append(String.format(Locale.ROOT, "%07d-L%02d", number, lot)).append("'\n");
            s.append("RFF+ADD:KML-").append(String.format(Locale.ROOT, "%07d-%02d", number, lot)).append("'\n");
            for (Analyte a : analytes) {
                BigDecimal value = value(random, a);
                String significance = "";
                if (a.code().equals("Hg") && value.compareTo(HG_LIMIT) < 0) {
                    value = HG_LIMIT;
                    significance = "7";
                }
                s.append("CCI+++").append(a.code()).append("'\n");
                s.append("DTM+119:").append(analysed).append(":102'\n");
                s.append("MEA+AAE+:").append(significance).append("::").append(a.basis()).append('+')
                        .append(a.unit()).append(':').append(value.toPlainString()).append("'\n");
                s.append("TEM+:::").append(a.method()).append("'\n");
            }
        }
        int segments = count(s, start, '\'') + 1;
        s.append("UNT+").append(segments).append('+').append(number).append("'\n");
    }

    private static BigDecimal value(Random random, Analyte a) {
        BigDecimal typical = new BigDecimal(a.typical());
        BigDecimal spread = new BigDecimal(a.spread());
        BigDecimal factor = BigDecimal.valueOf(random.nextInt(2001) - 1000).movePointLeft(3);
        return typical.add(spread.multiply(factor)).setScale(a.scale(), RoundingMode.HALF_EVEN).abs();
    }

    private static int count(CharSequence s, int from, char c) {
        int n = 0;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
