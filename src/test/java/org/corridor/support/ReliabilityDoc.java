package org.corridor.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/RELIABILITY.md, where each campaign of bench/ keeps its own section between its own markers: a rerun replaces
 * only that section (or adds it at the end), and what people wrote around the sections stays as it is.
 */
public final class ReliabilityDoc {

    private static final String NEW_FILE =
            "# Reliability\n\nWhat Corridor's crash, fault and fuzz campaigns found, each"
                    + " run with one command from `bench/`. Each section is written by its campaign; a rerun replaces only its"
                    + " own section.\n";

    private ReliabilityDoc() {}

    /** Puts {@code body} between the markers {@code begin} and {@code end} of {@code doc}, in place of what was there. */
    public static void writeSection(Path doc, String begin, String end, String body) throws IOException {
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : NEW_FILE;
        String mine = begin + "\n" + body + (body.endsWith("\n") ? "" : "\n") + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + mine + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + mine + "\n";
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }
}
