package org.corridor.parse.fixed;

import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** Bindy binding of the packing list trailer record (type T): declared package count and totals. */
@FixedLengthRecord(length = PackingListFixedParser.RECORD_LENGTH, paddingChar = ' ')
public class PackingListTrailerRecord {
    @DataField(pos = 1, length = 1)
    String recordType;

    @DataField(pos = 2, length = 5)
    String packageCount;

    @DataField(pos = 7, length = 12)
    String totalGrossKg;

    @DataField(pos = 19, length = 12)
    String totalNetKg;

    @DataField(pos = 31, length = 50)
    String filler;
}
