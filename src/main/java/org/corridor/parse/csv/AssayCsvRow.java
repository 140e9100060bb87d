package org.corridor.parse.csv;

import org.apache.camel.dataformat.bindy.annotation.CsvRecord;
import org.apache.camel.dataformat.bindy.annotation.DataField;

/**
 * Bindy binding of one row of the lab CSV long form. Every field is bound as text: the parser checks each one itself
 * so that a bad value is reported with its line, column and column name instead of a bare conversion error.
 */
@CsvRecord(separator = ",", skipFirstLine = true, quote = "\"", removeQuotes = true, allowEmptyStream = true)
public class AssayCsvRow {
    @DataField(pos = 1, trim = true)
    String certificateNo;

    @DataField(pos = 2, trim = true)
    String lab;

    @DataField(pos = 3, trim = true)
    String lotNo;

    @DataField(pos = 4, trim = true)
    String sampleId;

    @DataField(pos = 5, trim = true)
    String sampleRole;

    @DataField(pos = 6, trim = true)
    String analyte;

    @DataField(pos = 7, trim = true)
    String value;

    @DataField(pos = 8, trim = true)
    String qualifier;

    @DataField(pos = 9, trim = true)
    String unit;

    @DataField(pos = 10, trim = true)
    String basis;

    @DataField(pos = 11, trim = true)
    String method;

    @DataField(pos = 12, trim = true)
    String analysisDate;

    @DataField(pos = 13, trim = true)
    String contractRef;

    @DataField(pos = 14, trim = true)
    String commodity;

    @DataField(pos = 15, trim = true)
    String issueDate;

    /** The fields in column order, so checks can name their column. */
    String[] fields() {
        return new String[] {
            certificateNo,
            lab,
            lotNo,
            sampleId,
            sampleRole,
            analyte,
            value,
            qualifier,
            unit,
            basis,
            method,
            analysisDate,
            contractRef,
            commodity,
            issueDate
        };
    }
}
