package org.corridor.edi.out;

import java.util.List;
import org.corridor.edi.edifact.CusdecWriter;
import org.corridor.edi.edifact.IftminWriter;
import org.corridor.edi.edifact.InvoicWriter;
import org.corridor.edi.edifact.QalityWriter;

/** Every EDI message Corridor writes, one writer per message type. */
public final class EdiMessageWriters {

    private EdiMessageWriters() {
    }

    public static List<EdiMessageWriter> all() {
        return List.of(new QalityWriter(), new CusdecWriter(), new IftminWriter(), new InvoicWriter());
    }
}
