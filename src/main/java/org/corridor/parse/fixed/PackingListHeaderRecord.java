package org.corridor.parse.fixed;

import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** Bindy binding of the packing list header record (type H); fields as text, checked by the parser. */
@FixedLengthRecord(length = PackingListFixedParser.RECORD_LENGTH, paddingChar = ' ')
public class PackingListHeaderRecord {
    @DataField(pos = 1, length = 1)
    String recordType;

    @DataField(pos = 2, length = 20)
    String packingListNo;

    @DataField(pos = 22, length = 8)
    String listDate;

    @DataField(pos = 30, length = 5)
    String exporterCode;

    @DataField(pos = 35, length = 25)
    String contractRef;

    @DataField(pos = 60, length = 20)
    String shipmentRef;

    @DataField(pos = 80, length = 1)
    String filler;
}
