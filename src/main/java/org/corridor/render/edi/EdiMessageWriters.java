package org.corridor.render.edi;

import java.util.List;
import org.corridor.canonical.ReferenceData;
import org.corridor.render.EdiMessageWriter;
import org.corridor.render.edifact.CusdecWriter;
import org.corridor.render.edifact.IftminWriter;
import org.corridor.render.edifact.InvoicWriter;
import org.corridor.render.edifact.QalityWriter;
import org.corridor.render.x12.Invoice810Writer;
import org.corridor.render.x12.ShipNotice856Writer;
import org.corridor.render.x12.TestResults863Writer;

/** Every EDI message Corridor writes, one writer per message type. */
final class EdiMessageWriters {

    private EdiMessageWriters() {}

    public static List<EdiMessageWriter> all(ReferenceData reference) {
        return List.of(
                new QalityWriter(reference),
                new CusdecWriter(reference),
                new IftminWriter(),
                new InvoicWriter(reference),
                new TestResults863Writer(),
                new Invoice810Writer(),
                new ShipNotice856Writer());
    }
}
