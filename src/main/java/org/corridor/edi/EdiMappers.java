package org.corridor.edi;

import java.util.List;
import org.corridor.edi.x12.FunctionalAckMapper;
import org.corridor.edi.x12.InvoiceMapper;

/** Every EDI message type Corridor reads, one mapper per message (EDIFACT D96A and X12 004010). */
public final class EdiMappers {

    private EdiMappers() {
    }

    public static List<EdiMessageMapper> all() {
        return List.of(new InvoiceMapper(), new FunctionalAckMapper());
    }
}
