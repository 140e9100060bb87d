package org.corridor.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.junit.jupiter.api.Test;

/**
 * Reading EDIFACT bodies without their schema first (the screen, issue 16) gives exactly what StAEDI gives with the
 * schema attached to every message: the same summaries, messages and faults (code, place, line, wording), on every
 * sample and on thousands of broken variants of the valid ones (an element too long, a code outside its list, a
 * non-ASCII character, a segment dropped, doubled or moved, a component added, a value emptied).
 */
class EdiScreenEquivalenceTest {

    private final EdiSchemas schemas = new EdiSchemas();
    private final EdiInterchangeReader screened = new EdiInterchangeReader(schemas, true);
    private final EdiInterchangeReader plain = new EdiInterchangeReader(new EdiSchemas(), false);

    private record Read(List<InterchangeSummary> summaries, List<EdiMessage> messages) {}

    private static Read read(EdiInterchangeReader reader, byte[] bytes) {
        List<EdiMessage> messages = new ArrayList<>();
        List<InterchangeSummary> summaries = reader.read(new ByteArrayInputStream(bytes), messages::add);
        return new Read(summaries, messages);
    }

    private void assertSame(String name, byte[] bytes) {
        Read expected = read(plain, bytes);
        Read actual = read(screened, bytes);
        assertThat(actual.summaries()).as(name).isEqualTo(expected.summaries());
        assertThat(actual.messages()).as(name).isEqualTo(expected.messages());
    }

    private static List<Path> samples(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sample-docs", folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void everySampleReadsTheSameWithAndWithoutTheScreen() throws IOException {
        List<Path> files = new ArrayList<>(samples("edifact"));
        files.addAll(samples("x12"));
        assertThat(files).hasSizeGreaterThan(40);
        for (Path file : files) {
            assertSame(file.toString(), Files.readAllBytes(file));
        }
    }

    @Test
    void twoInterchangesInOneFileWithTheirOwnOrDefaultDelimitersReadTheSame() throws IOException {
        List<Path> files = samples("edifact");
        for (Path first : files) {
            for (Path second : files) {
                byte[] a = Files.readAllBytes(first);
                byte[] b = Files.readAllBytes(second);
                byte[] both = new byte[a.length + b.length];
                System.arraycopy(a, 0, both, 0, a.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                assertSame(first + " then " + second, both);
            }
        }
    }

    @Test
    void brokenVariantsOfTheValidSamplesGiveStaedisOwnFaults() throws IOException {
        int variants = 0;
        for (Path file : samples("edifact")) {
            if (file.getFileName().toString().startsWith("BAD_")) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            Delimiters d = Delimiters.of(text);
            // two messages: the faults of the second one are found after a clean one, at the file's own lines
            String twice = twice(text, d);
            for (String base : List.of(text, twice)) {
                List<String> lines = List.of(base.split("\n", -1));
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (!isBody(line)) {
                        continue;
                    }
                    for (String mutant : mutants(line, d)) {
                        List<String> changed = new ArrayList<>(lines);
                        if (mutant == null) {
                            changed.remove(i);
                        } else {
                            changed.set(i, mutant);
                        }
                        assertSame(file + " line " + (i + 1) + " -> " + mutant, bytes(String.join("\n", changed)));
                        variants++;
                    }
                    if (i + 2 < lines.size() && isBody(lines.get(i + 1))) {
                        List<String> swapped = new ArrayList<>(lines);
                        swapped.set(i, lines.get(i + 1));
                        swapped.set(i + 1, line);
                        assertSame(file + " lines " + (i + 1) + " swapped", bytes(String.join("\n", swapped)));
                        variants++;
                    }
                }
            }
        }
        assertThat(variants).isGreaterThan(1000);
    }

    @Test
    void cleanMessagesOfAShapeSeenBeforeAreNotReadAgain() throws IOException {
        String qality =
                Files.readString(Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"), StandardCharsets.UTF_8);
        EdiInterchangeReader reader = new EdiInterchangeReader(new EdiSchemas(), true);
        Read first = read(reader, bytes(twice(qality, Delimiters.of(qality))));
        long replaysAfterFirst = reader.replays();
        Read again = read(reader, bytes(twice(qality, Delimiters.of(qality))));

        assertThat(first.messages()).hasSize(2).allMatch(EdiMessage::valid);
        assertThat(again.messages()).hasSize(2).allMatch(EdiMessage::valid);
        // the first message of the shape is read with its schema once; every later one is vouched for by the screen
        assertThat(replaysAfterFirst).isEqualTo(1);
        assertThat(reader.replays()).isEqualTo(1);
        assertThat(reader.screened()).isEqualTo(4);
    }

    @Test
    void aMessageLongerThanTheMemoryKeptIsReadAgainFromItsSpilledBytes() throws IOException {
        String qality =
                Files.readString(Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"), StandardCharsets.UTF_8);
        int unt = qality.indexOf("UNT*");
        String huge = qality.substring(0, unt) + "TEM*>>>" + "X".repeat(EdiInterchangeReader.MAX_RECORDED_BYTES + 1000)
                + "~\n" + qality.substring(unt);

        assertSame("QALITY with a 8 MB TEM", bytes(twice(huge, Delimiters.of(huge))));
    }

    /** The service characters of a sample: its UNA's, or the defaults. */
    private record Delimiters(char component, char element, char decimal, char release, char terminator) {
        static Delimiters of(String text) {
            if (text.startsWith("UNA")) {
                return new Delimiters(text.charAt(3), text.charAt(4), text.charAt(5), text.charAt(6), text.charAt(8));
            }
            return new Delimiters(':', '+', '.', '?', '\'');
        }

        String e() {
            return Pattern.quote(String.valueOf(element));
        }

        String c() {
            return Pattern.quote(String.valueOf(component));
        }

        String t() {
            return Pattern.quote(String.valueOf(terminator));
        }
    }

    /** The interchange with its message twice (second reference 2, UNZ count 2). */
    private static String twice(String text, Delimiters d) {
        int unh = text.indexOf("UNH" + d.element());
        int unz = text.indexOf("UNZ" + d.element());
        String message = text.substring(unh, unz);
        String second = message.replaceFirst("^UNH" + d.e() + "[^" + d.e() + d.t() + "]*", "UNH" + d.element() + "2")
                .replaceFirst(
                        "UNT" + d.e() + "(\\d+)" + d.e() + "[^" + d.t() + "]*" + d.t(),
                        "UNT" + d.element() + "$1" + d.element() + "2" + d.terminator());
        return text.substring(0, unz)
                + second
                + text.substring(unz).replaceFirst("^UNZ" + d.e() + "1", "UNZ" + d.element() + "2");
    }

    private static boolean isBody(String line) {
        return line.length() > 3 && !line.startsWith("UN");
    }

    /** Broken forms of one segment line (null: the segment removed). */
    private static List<String> mutants(String line, Delimiters d) {
        String end = String.valueOf(d.terminator());
        String body = line.endsWith(end) ? line.substring(0, line.length() - 1) : line;
        String e = String.valueOf(d.element());
        String c = String.valueOf(d.component());
        String value = "[^" + d.e() + d.c() + "]+";
        List<String> out = new ArrayList<>();
        out.add(null);
        out.add(line + "\n" + line);
        out.add(body + e + "EXTRA" + end);
        out.add(body + c + "X" + end);
        out.add(body.replaceFirst("[A-Za-z0-9]+$", "X".repeat(40)) + end);
        out.add(body.replaceFirst(d.e() + value, Matcher.quoteReplacement(e + "ZZQ")) + end);
        out.add(body.replaceFirst(d.e() + value, Matcher.quoteReplacement(e)) + end);
        out.add(body.replaceFirst("[0-9]", "\u00e9") + end);
        out.add(body.replaceFirst("[0-9]+$", "1" + d.decimal() + "2" + d.decimal() + "3") + end);
        out.add(body.replaceFirst("[0-9]+$", "-5") + end);
        out.add(body.replaceFirst("[0-9]+$", "1.5") + end);
        out.add(body.replaceFirst("[0-9]+$", "1,5") + end);
        out.add(body.replaceFirst(d.c() + "[^" + d.e() + d.c() + "]*", Matcher.quoteReplacement(c + d.release() + e))
                + end);
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
