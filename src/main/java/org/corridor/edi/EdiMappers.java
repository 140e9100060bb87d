package org.corridor.edi;

import java.util.List;
import org.corridor.edi.edifact.ContrlMapper;
import org.corridor.edi.edifact.CusdecMapper;
import org.corridor.edi.edifact.CusresMapper;
import org.corridor.edi.edifact.IftminMapper;
import org.corridor.edi.edifact.IftstaMapper;
import org.corridor.edi.edifact.InvoicMapper;
import org.corridor.edi.edifact.QalityMapper;
import org.corridor.edi.x12.FreightReceipt310Mapper;
import org.corridor.edi.x12.FunctionalAckMapper;
import org.corridor.edi.x12.InvoiceMapper;
import org.corridor.edi.x12.OceanStatus315Mapper;
import org.corridor.edi.x12.TestResults863Mapper;

/** Every EDI message type Corridor reads, one mapper per message (EDIFACT D96A and X12 004010). */
public final class EdiMappers {

    private EdiMappers() {
    }

    public static List<EdiMessageMapper> all() {
        return List.of(new QalityMapper(), new CusdecMapper(), new CusresMapper(), new ContrlMapper(),
                new IftminMapper(), new IftstaMapper(), new InvoicMapper(),
                new TestResults863Mapper(), new FreightReceipt310Mapper(), new OceanStatus315Mapper(),
                new InvoiceMapper(), new FunctionalAckMapper());
    }
}
