package org.corridor.problem;

/**
 * Every reason Corridor gives for refusing a document. One closed list, so a partner or a clerk can look a code up in
 * the message implementation guides; the text says what the code means in plain language.
 */
public enum ErrorCode {
    /**
     * An inbox entry that is not a regular file: a symbolic link, a named pipe, a socket or a device. It is removed
     * from the inbox unread (a link's target is never read nor touched).
     */
    NOT_A_REGULAR_FILE("the inbox entry is not a regular file (a link, a pipe or a device); Corridor does not read it"),
    /** The file holds no bytes at all. */
    EMPTY_FILE("the file is empty"),
    /** The bytes are not text in the expected encoding. */
    BAD_ENCODING("the file is not valid UTF-8 text"),
    /** Detection recognised no format it knows. */
    UNKNOWN_FORMAT("the content is not a document format Corridor recognises"),
    /** The file was read without a fault, yet it holds no document: it would deliver nothing. */
    NO_DOCUMENT("the file holds no document Corridor could deliver"),
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
    /** A fixed-width record that is not exactly the layout's length. */
    FIXED_LENGTH("a fixed-width record is not exactly the length the layout requires"),
    /** An unknown record type, or records out of order: missing header or trailer, detail before header. */
    FIXED_RECORD("a record has an unknown type or is out of order (header, details, trailer)"),
    /** A fixed-width field that must be a number is not one in the layout's format. */
    FIXED_NUMBER("a fixed-width field that must be a number is not a number in the required format"),
    /** A required fixed-width field is blank. */
    FIXED_REQUIRED("a required fixed-width field is blank"),
    /** A fixed-width date field is not a real date in the form YYYYMMDD. */
    FIXED_DATE("a fixed-width field that must be a date (YYYYMMDD) is not a valid date"),
    /** A package's net weight is not its gross weight minus its tare (0.01 kg tolerance). */
    WEIGHT_MISMATCH("the net weight is not the gross weight minus the tare"),
    /** Declared package count or weight totals differ from the detail records. */
    TOTALS_MISMATCH("the declared number of packages or total weights differ from the sum of the packages"),
    /** A container number that is not an ISO 6346 number with a correct check digit. */
    CONTAINER_CHECK_DIGIT("the container number is not a valid ISO 6346 number (form or check digit)"),
    /**
     * A file of a format read whole (CSV, fixed width, JSON, XML) larger than the gateway reads whole (64 MB), refused
     * unread; EDI is read in parts and has no such bound.
     */
    FILE_TOO_LARGE("the file is larger than Corridor reads whole for its format (64 MB)"),
    /** An XML file larger than the gateway reads (10 MB), refused unread. */
    XML_TOO_LARGE("the XML file is larger than Corridor reads (10 MB)"),
    /** An XML file with a DOCTYPE: DTDs and entities can read local files or explode in memory, so none is read. */
    XML_DTD_REFUSED("this XML file declares a DTD or entities; Corridor refuses them for safety"),
    /** The XML is not well-formed: a tag not closed, an illegal character, the file cut short. */
    XML_MALFORMED("the file is not well-formed XML"),
    /** The XML is well-formed but breaks its schema: an element missing, out of order or with a wrong value. */
    XML_SCHEMA("the XML does not follow the message's schema (an element is missing, out of order or invalid)"),
    /** An XML element that must be a date (YYYY-MM-DD) is not a valid date. */
    XML_DATE("an element that must be a date (YYYY-MM-DD) is not a valid date"),
    /** An XML element holds a code of the wrong shape, such as a UN/LOCODE that is not 5 characters. */
    XML_CODE("an element holds a code that is not in the required form (such as a 5-character UN/LOCODE)"),
    /** JSON that cannot be read: truncated, a missing comma or bracket, text after the end. */
    JSON_MALFORMED("the JSON text is malformed (truncated, or a bracket, comma or quote is missing)"),
    /** The same key twice in one JSON object, which readers would resolve differently. */
    JSON_DUPLICATE_KEY("a JSON object holds the same key twice"),
    /**
     * JSON beyond what Corridor reads: nested deeper than any message needs (64 levels), or a number or text too long
     * to be a value of it. Refused before anything is built from it.
     */
    JSON_LIMIT("the JSON is nested too deeply, or holds a number or text too long to be read"),
    /** A JSON value breaks the message's JSON Schema: wrong type, missing field, unknown field, bad code or form. */
    JSON_SCHEMA("a JSON value is missing, of the wrong type or not allowed by the message's schema"),
    /** A currency that is not an ISO 4217 code. */
    JSON_CURRENCY("the currency is not an ISO 4217 currency code"),
    /** The declared total value differs from the sum of the line values by more than 0.01. */
    JSON_TOTALS("the declared total value is not the sum of the line values"),
    /** A declaration line whose net weight exceeds its gross weight. */
    JSON_WEIGHTS("a line's net weight is greater than its gross weight"),
    /** EDI that cannot be read at all: a bad delimiter, a broken UNA/ISA service string, text where a segment must start. */
    EDI_SYNTAX("the EDI text cannot be read (a delimiter, the service string or a segment tag is broken)"),
    /** The file ends before the interchange trailer (UNZ or IEA): cut short in transfer. */
    EDI_TRUNCATED("the EDI file ends before its interchange trailer (UNZ or IEA): it was cut short"),
    /** An interchange or group envelope (UNB, UNG, ISA, GS) that breaks the syntax rules: a wrong or missing value. */
    EDI_ENVELOPE("the interchange or group envelope (UNB, UNG, ISA, GS) holds a wrong or missing value"),
    /** A segment the message requires is not there. */
    EDI_SEGMENT_MISSING("a mandatory segment is missing"),
    /** A segment where the message does not allow it: unknown, out of order, or repeated too often. */
    EDI_SEGMENT_UNEXPECTED("a segment is not allowed at this place (unknown, out of order or repeated too often)"),
    /** A mandatory data element (or component) is empty or missing. */
    EDI_ELEMENT_MISSING("a mandatory data element is missing"),
    /** More data elements, components or repetitions than the segment allows. */
    EDI_ELEMENT_UNEXPECTED("a segment holds more data elements, components or repetitions than allowed"),
    /** A data element longer than its maximum length. */
    EDI_ELEMENT_TOO_LONG("a data element is longer than its maximum length"),
    /** A data element shorter than its minimum length. */
    EDI_ELEMENT_TOO_SHORT("a data element is shorter than its minimum length"),
    /** A data element holds a code that is not in its code list. */
    EDI_CODE("a data element holds a code that is not in its code list"),
    /** A date or time that is not a real date or time in the declared format. */
    EDI_DATE("a date or time is not valid in its declared format"),
    /** A numeric data element that is not a number. */
    EDI_NUMBER("a numeric data element is not a number"),
    /** Characters the syntax (character set) does not allow. */
    EDI_CHARACTER("a data element holds characters its character set does not allow"),
    /** A trailer's count (UNT/SE segments, UNZ/IEA/GE/UNE messages or groups) differs from what was received. */
    EDI_COUNT("a trailer's count of segments, messages or groups differs from what was received"),
    /** A trailer's control reference differs from its header's. */
    EDI_CONTROL_REFERENCE("a trailer's control reference does not match its header"),
    /** The same sender sent this interchange control reference before. */
    EDI_DUPLICATE("the interchange is a duplicate: the sender used this control reference before"),
    /** The message is valid EDI, but holds a value Corridor cannot map (an unknown analyte, a qualifier it does not use). */
    EDI_CONTENT("the message is valid EDI but a value cannot be mapped to the canonical model"),
    /** An EDI invoice whose stated total (X12 TDS, EDIFACT MOA) differs from the sum of its line amounts. */
    EDI_TOTALS("the invoice total differs from the sum of its line amounts"),
    /**
     * A price file or POST beyond what Corridor takes: more than 4 MB, more than 100,000 rows, or a line longer than
     * 1,000 characters.
     */
    PRICE_LIMIT("the price file is larger than Corridor takes (4 MB, 100,000 rows, lines of 1,000 characters)"),
    /**
     * Two different prices for the same date, metal, unit and source: twice in one file, or a price already stored
     * with another value (stored prices never change: an invoice may have used them).
     */
    PRICE_CONFLICT("there are two different prices for the same date, metal, unit and source"),
    /** No agreement covers the document. */
    NO_AGREEMENT("no agreement in force covers this document"),
    /** The agreement names nobody to receive this kind of document. */
    NO_RECIPIENT("the agreement names no recipient for this kind of document"),
    /**
     * The partner that sent the document may not send it: a kind none of its roles issues, an EDI interchange under
     * another party's interchange id, a document naming another party as its issuer, or an acknowledgement of an
     * interchange sent to someone else.
     */
    NOT_AUTHORIZED_SENDER("the sending partner may not send this document: it speaks for another party"),
    /**
     * The document breaks a rule of its agreement: an HS code, port, permit, quota, quality limit, moisture or
     * currency rule (the finding code, such as QUALITY_REJECTED, begins the reason; see docs/rules.md).
     */
    AGREEMENT_RULE("the document breaks a rule of the agreement it falls under");

    private final String meaning;

    ErrorCode(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
