package org.corridor.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Seeded mutations of a sample file, as a hostile or careless sender produces them: flipped and inserted bytes, cut
 * and spliced files, swapped delimiters and segment tags, deep nesting, control characters, huge numbers and broken
 * encodings. The same seed gives the same mutant, so a fault found by a long campaign can be replayed from its seed.
 */
final class Mutations {

    /** Mutants larger than this are cut back: the campaign is about hostile shapes, not about size. */
    static final int MAX_BYTES = 512 * 1024;

    private static final byte[] INTERESTING = {
        0x00,
        0x01,
        0x07,
        0x08,
        0x09,
        0x0A,
        0x0B,
        0x0C,
        0x0D,
        0x1A,
        0x1B,
        0x1C,
        0x1D,
        0x1E,
        0x1F,
        0x7F,
        (byte) 0x80,
        (byte) 0x85,
        (byte) 0xA0,
        (byte) 0xC0,
        (byte) 0xC3,
        (byte) 0xED,
        (byte) 0xEF,
        (byte) 0xFE,
        (byte) 0xFF,
        ' ',
        '"',
        '\'',
        '*',
        '+',
        ':',
        '?',
        '~',
        '|',
        '^',
        '>',
        '<',
        ',',
        '.',
        ';',
        '{',
        '}',
        '[',
        ']',
        '/',
        '\\',
        '-',
        '0',
        '9',
        'A',
        'Z'
    };
    private static final String DELIMITERS = "'+:?*~|^>,.;\"{}[]<>=/\n\r\t ";
    private static final String[] TAGS = {
        "UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ", "ISA", "GS", "ST", "SE", "GE", "IEA", "TA1", "BGM", "DTM",
        "NAD", "BTR", "ZZZ", "UN", "X", ""
    };
    private static final String[] ENCODINGS = {
        "bogus",
        "UTF-16",
        "UTF-32",
        "EBCDIC-CP-US",
        "ISO-8859-1",
        "",
        "x".repeat(300),
        "UTF-8\u0000",
        "utf-7",
        "../../etc/passwd",
        "IBM037"
    };
    private static final String[] NUMBERS = {
        "1e999999999",
        "1E999999999",
        "1E+99999",
        "-1E-400",
        "NaN",
        "Infinity",
        "-0",
        "0x1F",
        "9".repeat(40),
        "9".repeat(400),
        "1" + "0".repeat(5000),
        "1." + "1".repeat(3000),
        "-" + "9".repeat(20),
        "1e-2147483648",
        "00000000000000000000000001",
        "1,5",
        "1.2.3",
        "٣",
        "１"
    };

    private final List<byte[]> corpus;
    private final List<Mutation> all = List.of(
            new Mutation("flip-bit", this::flipBit),
            new Mutation("set-byte", this::setByte),
            new Mutation("insert-bytes", this::insertBytes),
            new Mutation("delete-range", this::deleteRange),
            new Mutation("truncate", this::truncate),
            new Mutation("splice", this::splice),
            new Mutation("duplicate-range", this::duplicateRange),
            new Mutation("cut-then-append", this::cutThenAppend),
            new Mutation("swap-delimiters", this::swapDelimiters),
            new Mutation("replace-delimiter", this::replaceDelimiter),
            new Mutation("segment-tag", this::segmentTag),
            new Mutation("deep-nesting", this::deepNesting),
            new Mutation("control-characters", this::controlCharacters),
            new Mutation("huge-number", this::hugeNumber),
            new Mutation("bad-encoding", this::badEncoding),
            new Mutation("lines", this::lines),
            new Mutation("empty-field", this::emptyField));

    Mutations(List<byte[]> corpus) {
        this.corpus = List.copyOf(corpus);
    }

    /** One named mutation: the bytes in, the random source, the mutant out. */
    private record Mutation(String name, BiFunction<byte[], SplittableRandom, byte[]> apply) {}

    /** A mutant and what was done to make it. */
    record Mutant(byte[] content, List<String> applied) {}

    /** One to three mutations of {@code sample}, chosen and placed by {@code random}. */
    Mutant mutate(byte[] sample, SplittableRandom random) {
        int rounds = 1 + (random.nextInt(10) < 6 ? 0 : random.nextInt(1, 3));
        byte[] content = sample;
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Mutation m = all.get(random.nextInt(all.size()));
            content = m.apply().apply(content, random);
            if (content.length > MAX_BYTES) {
                content = java.util.Arrays.copyOf(content, MAX_BYTES);
            }
            applied.add(m.name());
        }
        return new Mutant(content, applied);
    }

    private static int pos(byte[] b, SplittableRandom r) {
        return b.length == 0 ? 0 : r.nextInt(b.length + 1);
    }

    private static byte[] replace(byte[] b, int from, int to, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + with.length);
        out.write(b, 0, from);
        out.write(with, 0, with.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private byte[] flipBit(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int p = r.nextInt(c.length);
            c[p] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
    }

    private byte[] setByte(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        c[r.nextInt(c.length)] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        return c;
    }

    private byte[] insertBytes(byte[] b, SplittableRandom r) {
        byte[] add = new byte[1 + r.nextInt(16)];
        for (int i = 0; i < add.length; i++) {
            add[i] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        }
        int p = pos(b, r);
        return replace(b, p, p, add);
    }

    private byte[] deleteRange(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(r.nextBoolean() ? 8 : 128));
        return replace(b, from, to, new byte[0]);
    }

    private byte[] truncate(byte[] b, SplittableRandom r) {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
    }

    private byte[] splice(byte[] b, SplittableRandom r) {
        byte[] other = corpus.get(r.nextInt(corpus.size()));
        if (other.length == 0) {
            return b;
        }
        int from = r.nextInt(other.length);
        int to = Math.min(other.length, from + 1 + r.nextInt(512));
        int p = pos(b, r);
        int end = r.nextBoolean() ? p : Math.min(b.length, p + r.nextInt(256));
        return replace(b, p, end, java.util.Arrays.copyOfRange(other, from, to));
    }

    private byte[] duplicateRange(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(400));
        int times = r.nextInt(10) == 0 ? 200 : 1 + r.nextInt(3);
        byte[] chunk = java.util.Arrays.copyOfRange(b, from, to);
        ByteArrayOutputStream repeated = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            repeated.write(chunk, 0, chunk.length);
        }
        return replace(b, to, to, repeated.toByteArray());
    }

    /** A file cut short, then another file (or itself) after it: a transfer restarted without cleaning up. */
    private byte[] cutThenAppend(byte[] b, SplittableRandom r) {
        byte[] head = truncate(b, r);
        byte[] next = r.nextBoolean() ? b : corpus.get(r.nextInt(corpus.size()));
        return replace(head, head.length, head.length, next);
    }

    private byte[] swapDelimiters(byte[] b, SplittableRandom r) {
        String present = presentDelimiters(b);
        if (present.length() < 2) {
            return b;
        }
        byte x = (byte) present.charAt(r.nextInt(present.length()));
        byte y = (byte) present.charAt(r.nextInt(present.length()));
        boolean all = r.nextBoolean();
        byte[] c = b.clone();
        int swapped = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == x || c[i] == y) {
                if (all || r.nextInt(4) == 0) {
                    c[i] = c[i] == x ? y : x;
                    swapped++;
                }
            }
        }
        return swapped == 0 ? b : c;
    }

    private byte[] replaceDelimiter(byte[] b, SplittableRandom r) {
        String present = presentDelimiters(b);
        if (present.isEmpty()) {
            return b;
        }
        byte x = (byte) present.charAt(r.nextInt(present.length()));
        byte y = INTERESTING[r.nextInt(INTERESTING.length)];
        byte[] c = b.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == x && (r.nextBoolean() || i % 2 == 0)) {
                c[i] = y;
            }
        }
        return c;
    }

    private static String presentDelimiters(byte[] b) {
        StringBuilder present = new StringBuilder();
        for (char d : DELIMITERS.toCharArray()) {
            for (byte x : b) {
                if (x == d) {
                    present.append(d);
                    break;
                }
            }
        }
        return present.toString();
    }

    /** Replaces a segment tag (an upper-case word at the start of a line or after a segment terminator). */
    private byte[] segmentTag(byte[] b, SplittableRandom r) {
        List<int[]> tags = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            boolean start = i == 0 || b[i - 1] == '\n' || b[i - 1] == '\'' || b[i - 1] == '~';
            if (start && isUpper(b[i])) {
                int j = i;
                while (j < b.length && j - i < 3 && (isUpper(b[j]) || (j > i && Character.isDigit(b[j])))) {
                    j++;
                }
                tags.add(new int[] {i, j});
            }
        }
        if (tags.isEmpty()) {
            return b;
        }
        int[] t = tags.get(r.nextInt(tags.size()));
        String with;
        if (r.nextBoolean()) {
            int[] other = tags.get(r.nextInt(tags.size()));
            with = new String(b, other[0], other[1] - other[0], StandardCharsets.ISO_8859_1);
        } else {
            with = TAGS[r.nextInt(TAGS.length)];
        }
        return replace(b, t[0], t[1], with.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    private byte[] deepNesting(byte[] b, SplittableRandom r) {
        int kind = r.nextInt(5);
        String open = switch (kind) {
            case 0 -> "[";
            case 1 -> "{\"a\":";
            case 2 -> "<a>";
            case 3 -> "+:";
            default -> "\"";
        };
        // JSON 100,000 levels deep, as a hostile sender tried; other shapes a few thousand (costly to read, not deep)
        int depth = kind < 2 && r.nextBoolean() ? 100_000 : r.nextInt(8) == 0 ? 20_000 : 1 + r.nextInt(2000);
        byte[] nest = open.repeat(depth).getBytes(StandardCharsets.US_ASCII);
        if (nest.length > MAX_BYTES / 2) {
            nest = java.util.Arrays.copyOf(nest, MAX_BYTES / 2);
        }
        int p = r.nextBoolean() ? firstStructural(b) : pos(b, r);
        return replace(b, p, p, nest);
    }

    /** Just inside the first JSON object or array, or after the XML root's start: where nesting is parsed. */
    private static int firstStructural(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '{' || b[i] == '[') {
                return i + 1;
            }
            if (b[i] == '>' && i > 0 && b[i - 1] != '?') {
                return i + 1;
            }
        }
        return b.length;
    }

    private byte[] controlCharacters(byte[] b, SplittableRandom r) {
        byte[] c = b;
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            byte control = (byte) (r.nextInt(6) == 0 ? 0x7F : r.nextInt(0x20));
            int p = pos(c, r);
            c = r.nextBoolean() || c.length == 0
                    ? replace(c, p, p, new byte[] {control})
                    : replace(c, Math.min(p, c.length - 1), Math.min(p, c.length - 1) + 1, new byte[] {control});
        }
        return c;
    }

    private byte[] hugeNumber(byte[] b, SplittableRandom r) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (Character.isDigit(b[i])) {
                int j = i;
                while (j < b.length && (Character.isDigit(b[j]) || b[j] == '.')) {
                    j++;
                }
                runs.add(new int[] {i, j});
                i = j;
            }
        }
        if (runs.isEmpty()) {
            return b;
        }
        int[] run = runs.get(r.nextInt(runs.size()));
        return replace(b, run[0], run[1], NUMBERS[r.nextInt(NUMBERS.length)].getBytes(StandardCharsets.UTF_8));
    }

    private byte[] badEncoding(byte[] b, SplittableRandom r) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int declared = text.indexOf("encoding=\"");
        switch (r.nextInt(6)) {
            case 0 -> {
                if (declared >= 0) {
                    int end = text.indexOf('"', declared + 10);
                    if (end > 0) {
                        return replace(
                                b,
                                declared + 10,
                                end,
                                ENCODINGS[r.nextInt(ENCODINGS.length)].getBytes(StandardCharsets.UTF_8));
                    }
                }
                return replace(
                        b,
                        0,
                        0,
                        ("<?xml version=\"1.0\" encoding=\"" + ENCODINGS[r.nextInt(ENCODINGS.length)] + "\"?>")
                                .getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> {
                byte[][] invalid = {
                    {(byte) 0x80},
                    {(byte) 0xC3},
                    {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF5, 0x41},
                    {(byte) 0xFF, (byte) 0xFE},
                    {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}
                };
                int p = pos(b, r);
                return replace(b, p, p, invalid[r.nextInt(invalid.length)]);
            }
            case 2 -> {
                return replace(
                        b,
                        0,
                        0,
                        r.nextBoolean()
                                ? new byte[] {(byte) 0xFE, (byte) 0xFF}
                                : new byte[] {(byte) 0xFF, (byte) 0xFE});
            }
            case 3 -> {
                return new String(b, StandardCharsets.UTF_8)
                        .getBytes(r.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
            }
            case 4 -> {
                return new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                int p = pos(b, r);
                String odd = switch (r.nextInt(5)) {
                    case 0 -> "\u00e9\u00fc\u00df";
                    case 1 -> "\u2028\u2029";
                    case 2 -> "\uFEFF";
                    case 3 -> "\uD83D\uDE00";
                    default -> "\u202E";
                };
                return replace(b, p, p, odd.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Duplicates, drops or swaps whole lines: a CSV or fixed-width file edited by hand. */
    private byte[] lines(byte[] b, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
        if (lines.size() < 2) {
            return b;
        }
        int i = r.nextInt(lines.size());
        int j = r.nextInt(lines.size());
        switch (r.nextInt(4)) {
            case 0 -> lines.add(j, lines.get(i));
            case 1 -> lines.remove(i);
            case 2 -> {
                String x = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, x);
            }
            default -> lines.add(j, "");
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Empties the value between two delimiters. */
    private byte[] emptyField(byte[] b, SplittableRandom r) {
        String present = presentDelimiters(b);
        if (present.isEmpty() || b.length == 0) {
            return b;
        }
        byte d = (byte) present.charAt(r.nextInt(present.length()));
        int start = r.nextInt(b.length);
        int from = -1;
        for (int i = start; i < b.length; i++) {
            if (b[i] == d) {
                from = i + 1;
                break;
            }
        }
        if (from < 0) {
            return b;
        }
        int to = from;
        while (to < b.length && DELIMITERS.indexOf(b[to]) < 0) {
            to++;
        }
        return replace(b, from, to, new byte[0]);
    }
}
