package org.corridor.parse.fixed;

import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** Bindy binding of one package (big bag) record (type D); fields as text, checked by the parser. */
@FixedLengthRecord(length = PackingListFixedParser.RECORD_LENGTH, paddingChar = ' ')
public class PackingListDetailRecord {
    @DataField(pos = 1, length = 1)
    String recordType;

    @DataField(pos = 2, length = 6)
    String packageNo;

    @DataField(pos = 8, length = 12)
    String lotNo;

    @DataField(pos = 20, length = 11)
    String containerNo;

    @DataField(pos = 31, length = 10)
    String sealNo;

    @DataField(pos = 41, length = 10)
    String grossKg;

    @DataField(pos = 51, length = 10)
    String tareKg;

    @DataField(pos = 61, length = 10)
    String netKg;

    @DataField(pos = 71, length = 10)
    String filler;
}
