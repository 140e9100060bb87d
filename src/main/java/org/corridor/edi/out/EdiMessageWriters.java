package org.corridor.edi.out;

import java.util.List;
import org.corridor.edi.edifact.CusdecWriter;
import org.corridor.edi.edifact.IftminWriter;
import org.corridor.edi.edifact.InvoicWriter;
import org.corridor.edi.edifact.QalityWriter;
import org.corridor.edi.x12.Invoice810Writer;
import org.corridor.edi.x12.ShipNotice856Writer;
import org.corridor.edi.x12.TestResults863Writer;

/** Every EDI message Corridor writes, one writer per message type. */
public final class EdiMessageWriters {

    private EdiMessageWriters() {
    }

    public static List<EdiMessageWriter> all() {
        return List.of(new QalityWriter(), new CusdecWriter(), new IftminWriter(), new InvoicWriter(),
                new TestResults863Writer(), new Invoice810Writer(), new ShipNotice856Writer());
    }
}
