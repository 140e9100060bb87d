package org.corridor.edi.out;

import java.util.List;

/** Every EDI message Corridor writes, one writer per message type. */
public final class EdiMessageWriters {

    private EdiMessageWriters() {
    }

    public static List<EdiMessageWriter> all() {
        return List.of();
    }
}
