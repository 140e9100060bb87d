package org.corridor.validate;

/**
 * Every reason Corridor gives for refusing a document. One closed list, so a partner or a clerk can look a code up in
 * the message implementation guides; the text says what the code means in plain language.
 */
public enum ErrorCode {
    /** The file holds no bytes at all. */
    EMPTY_FILE("the file is empty"),
    /** The bytes are not text in the expected encoding. */
    BAD_ENCODING("the file is not valid UTF-8 text"),
    /** Detection recognised no format it knows. */
    UNKNOWN_FORMAT("the content is not a document format Corridor recognises"),
    /** Detection recognised the format but Corridor has no reader for that message yet. */
    UNSUPPORTED_MESSAGE("the format was recognised but Corridor does not read this message type yet"),
    /** A CSV file that is empty. */
    CSV_EMPTY("the CSV file holds no lines"),
    /** A CSV header that does not match the layout. */
    CSV_HEADER("the header line does not match the expected columns"),
    /** A CSV file with a header but no data rows. */
    CSV_NO_ROWS("the CSV file has a header but no data rows"),
    /** A line with the wrong number of fields, or a blank line between rows. */
    CSV_COLUMNS("a line does not have the expected number of fields"),
    /** A required field is empty. */
    CSV_REQUIRED("a required field is empty"),
    /** A field that must be a decimal number is not one. */
    CSV_NUMBER("a field that must be a number is not a number"),
    /** A field that must be an ISO date is not one. */
    CSV_DATE("a field that must be a date (YYYY-MM-DD) is not a valid date"),
    /** A field holds a value outside its code list. */
    CSV_CODE("a field holds a value that is not in its list of allowed codes"),
    /** An analyte name that is not in the reference table. */
    CSV_ANALYTE("the analyte is not one Corridor knows"),
    /** Rows of one certificate disagree on a value that must be the same on all of them. */
    CSV_CONFLICT("rows of one certificate disagree on a value that must be the same"),
    /** A field is longer than its maximum length. */
    CSV_TOO_LONG("a field is longer than allowed"),
    /** No agreement covers the document. */
    NO_AGREEMENT("no agreement in force covers this document"),
    /** The agreement names nobody to receive this kind of document. */
    NO_RECIPIENT("the agreement names no recipient for this kind of document");

    private final String meaning;

    ErrorCode(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
