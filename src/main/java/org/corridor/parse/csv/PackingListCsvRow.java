package org.corridor.parse.csv;

import org.apache.camel.dataformat.bindy.annotation.CsvRecord;
import org.apache.camel.dataformat.bindy.annotation.DataField;

/** Bindy binding of one row of the packing list CSV; fields as text, checked by {@link PackingListCsvParser}. */
@CsvRecord(separator = ",", skipFirstLine = true, quote = "\"", removeQuotes = true, allowEmptyStream = true)
public class PackingListCsvRow {
    @DataField(pos = 1, trim = true)
    String packingListNo;

    @DataField(pos = 2, trim = true)
    String packageNo;

    @DataField(pos = 3, trim = true)
    String lotNo;

    @DataField(pos = 4, trim = true)
    String containerNo;

    @DataField(pos = 5, trim = true)
    String sealNo;

    @DataField(pos = 6, trim = true)
    String grossKg;

    @DataField(pos = 7, trim = true)
    String tareKg;

    @DataField(pos = 8, trim = true)
    String netKg;

    /** The fields in column order, so checks can name their column. */
    String[] fields() {
        return new String[] {packingListNo, packageNo, lotNo, containerNo, sealNo, grossKg, tareKg, netKg};
    }
}
