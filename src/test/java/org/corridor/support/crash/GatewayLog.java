package org.corridor.support.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the gateway's log says: files received (name to document id), deliveries rendered and delivered. */
public final class GatewayLog {

    private static final Pattern RECEIVED = Pattern.compile("Received (\\S+) as (D-\\S+) via ");
    private static final Pattern RENDERED = Pattern.compile("Document (\\S+) rendered as ");
    private static final Pattern DELIVERED = Pattern.compile("Document (\\S+) delivered to (\\S+) at ");

    private final Map<String, String> received = new HashMap<>();
    private final List<String> rendered = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();

    /** Reads {@code lines}, the log of one or more runs of the gateway. */
    public GatewayLog(List<String> lines) {
        for (String line : lines) {
            if (!line.contains("Received ") && !line.contains("Document ")) {
                continue;
            }
            Matcher m = RECEIVED.matcher(line);
            if (m.find()) {
                received.put(m.group(1), m.group(2));
                continue;
            }
            m = RENDERED.matcher(line);
            if (m.find()) {
                rendered.add(m.group(1));
                continue;
            }
            m = DELIVERED.matcher(line);
            if (m.find()) {
                delivered.add(m.group(1) + " " + m.group(2));
            }
        }
    }

    /** Files of trial {@code trial} taken in. */
    public int received(int trial) {
        return fileIds(trial).size();
    }

    /** Deliveries of trial {@code trial}'s documents rendered. */
    public int rendered(int trial) {
        List<String> ids = fileIds(trial);
        return (int) rendered.stream().filter(id -> ofTrial(id, ids)).count();
    }

    /** Deliveries of trial {@code trial}'s documents made. */
    public int delivered(int trial) {
        List<String> ids = fileIds(trial);
        return (int) delivered.stream().filter(d -> ofTrial(d, ids)).count();
    }

    /** Every delivery logged. */
    public int deliveredLines() {
        return delivered.size();
    }

    /** Deliveries of {@code documentId} to {@code partner} logged. */
    public int deliveriesTo(String documentId, String partner) {
        return (int)
                delivered.stream().filter((documentId + " " + partner)::equals).count();
    }

    private List<String> fileIds(int trial) {
        return received.entrySet().stream()
                .filter(e -> e.getKey().startsWith("DUR-T" + trial + "-"))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** A document of one of the trial's files: the file itself, a message of it, its acknowledgement. */
    private static boolean ofTrial(String documentId, List<String> fileIds) {
        return fileIds.stream().anyMatch(documentId::startsWith);
    }
}
