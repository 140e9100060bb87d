package org.corridor.parse.edi;

import java.util.List;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.edifact.ContrlMapper;
import org.corridor.parse.edifact.CusdecMapper;
import org.corridor.parse.edifact.CusresMapper;
import org.corridor.parse.edifact.IftminMapper;
import org.corridor.parse.edifact.IftstaMapper;
import org.corridor.parse.edifact.InvoicMapper;
import org.corridor.parse.edifact.QalityMapper;
import org.corridor.parse.x12.FreightReceipt310Mapper;
import org.corridor.parse.x12.FunctionalAckMapper;
import org.corridor.parse.x12.InvoiceMapper;
import org.corridor.parse.x12.OceanStatus315Mapper;
import org.corridor.parse.x12.TestResults863Mapper;

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
