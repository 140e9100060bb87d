package org.corridor.edi;

import io.xlate.edi.stream.EDIStreamValidationError;
import java.util.Set;
import java.util.TreeSet;
import org.corridor.problem.ErrorCode;

/**
 * Turns a StAEDI validation error into an {@link EdiFault}: Corridor's error code, the code an acknowledgement
 * carries (UN/EDIFACT 0085 for CONTRL; X12 AK304/IK304 segment or AK403/IK403 element syntax error codes), and a
 * sentence that names the place and says what to fix.
 */
final class EdiErrors {

    private EdiErrors() {}

    /** What the schema says about the element in error, for the sentence: its title, length limits, codes. */
    record ElementFacts(String title, Long minLength, Long maxLength, Set<String> codes) {
        static final ElementFacts NONE = new ElementFacts(null, null, null, Set.of());
    }

    static EdiFault fault(
            EDIStreamValidationError error,
            String segment,
            String noticedAt,
            Integer position,
            Integer line,
            Integer element,
            Integer component,
            String dataElement,
            String value,
            ElementFacts facts) {
        String where = EdiFault.reference(segment, element, component);
        String name = where == null
                ? null
                : where
                        + (dataElement != null
                                ? " (data element " + dataElement + (facts.title() != null ? ", " + facts.title() : "")
                                        + ")"
                                : "");
        String quoted = value == null || value.isEmpty() ? "" : "\"" + value + "\" ";
        return switch (error) {
            case MANDATORY_SEGMENT_MISSING,
                    IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE,
                    IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES,
                    CONDITIONAL_REQUIRED_SEGMENT_MISSING ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_MISSING,
                        segment,
                        position,
                        line,
                        "13",
                        "3",
                        "The mandatory segment " + segment + " is missing (noticed at segment " + noticedAt
                                + ", position " + position + "). Add it where the message guide places it.");
            case UNRECOGNIZED_SEGMENT_ID ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        "15",
                        "1",
                        "Segment " + segment + " is not a segment this message knows. Remove it.");
            case UNEXPECTED_SEGMENT, SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET, IMPLEMENTATION_UNUSED_SEGMENT_PRESENT ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        "15",
                        error == EDIStreamValidationError.UNEXPECTED_SEGMENT ? "2" : "6",
                        "Segment " + segment + " is not allowed at position " + position
                                + " of this message. Check the segment order in the message guide.");
            case SEGMENT_NOT_IN_PROPER_SEQUENCE ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        "15",
                        "7",
                        "Segment " + segment + " is out of order at position " + position
                                + ". Check the segment order in the message guide.");
            case SEGMENT_EXCEEDS_MAXIMUM_USE ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        "35",
                        "5",
                        "Segment " + segment + " at position " + position
                                + " repeats more often than the message allows.");
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        "36",
                        "4",
                        "The segment group starting with " + segment + " at position " + position
                                + " repeats more often than the message allows.");
            case SEGMENT_HAS_DATA_ELEMENT_ERRORS ->
                segmentFault(
                        ErrorCode.EDI_CODE,
                        segment,
                        position,
                        line,
                        "12",
                        "8",
                        "Segment " + segment + " at position " + position + " has data element errors.");
            case SEGMENT_EXCLUSION_CONDITION_VIOLATED,
                    IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING,
                    IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT ->
                segmentFault(
                        ErrorCode.EDI_SEGMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        "15",
                        "2",
                        "Segment " + segment + " at position " + position
                                + " breaks a condition between segments of this message.");
            case REQUIRED_DATA_ELEMENT_MISSING,
                    CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING,
                    IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING,
                    IMPLEMENTATION_TOO_FEW_REPETITIONS ->
                elementFault(
                        ErrorCode.EDI_ELEMENT_MISSING,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "13",
                        error == EDIStreamValidationError.CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING ? "2" : "1",
                        name + " in segment " + segment + " at position " + position
                                + " is mandatory but missing or empty.");
            case TOO_MANY_DATA_ELEMENTS,
                    IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT,
                    IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT,
                    EXCLUSION_CONDITION_VIOLATED ->
                elementFault(
                        ErrorCode.EDI_ELEMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "16",
                        error == EDIStreamValidationError.EXCLUSION_CONDITION_VIOLATED ? "10" : "3",
                        "Segment " + segment + " at position " + position + " has more data elements than" + " allowed"
                                + (where != null ? " (" + where + ")" : "") + ".");
            case TOO_MANY_COMPONENTS ->
                elementFault(
                        ErrorCode.EDI_ELEMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "16",
                        "13",
                        name + " in segment " + segment + " at position " + position
                                + " has more components than allowed.");
            case TOO_MANY_REPETITIONS ->
                elementFault(
                        ErrorCode.EDI_ELEMENT_UNEXPECTED,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "35",
                        "12",
                        name + " in segment " + segment + " at position " + position
                                + " repeats more often than allowed.");
            case DATA_ELEMENT_TOO_SHORT ->
                elementFault(
                        ErrorCode.EDI_ELEMENT_TOO_SHORT,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "40",
                        "4",
                        name + " " + quoted + "in segment " + segment
                                + " at position " + position + " is too short"
                                + (facts.minLength() != null ? " (at least " + facts.minLength() + " characters)" : "")
                                + ".");
            case DATA_ELEMENT_TOO_LONG ->
                elementFault(
                        ErrorCode.EDI_ELEMENT_TOO_LONG,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "39",
                        "5",
                        name + " " + quoted + "in segment " + segment
                                + " at position " + position + " is too long"
                                + (facts.maxLength() != null ? " (at most " + facts.maxLength() + " characters)" : "")
                                + ".");
            case INVALID_CHARACTER_DATA ->
                elementFault(
                        ErrorCode.EDI_CHARACTER,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "21",
                        "6",
                        name + " " + quoted + "in segment " + segment
                                + " at position " + position + " holds characters its type or character set does not"
                                + " allow.");
            case INVALID_CODE_VALUE, IMPLEMENTATION_INVALID_CODE_VALUE, IMPLEMENTATION_PATTERN_MATCH_FAILURE ->
                elementFault(
                        ErrorCode.EDI_CODE,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "12",
                        "7",
                        name + " " + quoted + "in segment " + segment + " at position " + position
                                + " is not an allowed code" + allowed(facts) + ".");
            case INVALID_DATE ->
                elementFault(
                        ErrorCode.EDI_DATE,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "12",
                        "8",
                        name + " " + quoted + "in segment " + segment + " at position " + position
                                + " is not a valid date.");
            case INVALID_TIME ->
                elementFault(
                        ErrorCode.EDI_DATE,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "12",
                        "9",
                        name + " " + quoted + "in segment " + segment + " at position " + position
                                + " is not a valid time.");
            case CONTROL_REFERENCE_MISMATCH ->
                elementFault(
                        ErrorCode.EDI_CONTROL_REFERENCE,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "28",
                        "7",
                        "The control reference " + quoted + "in trailer " + segment
                                + " does not match the one in its header.");
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT ->
                elementFault(
                        ErrorCode.EDI_COUNT,
                        segment,
                        position,
                        line,
                        element,
                        component,
                        dataElement,
                        "29",
                        "7",
                        "The count " + quoted + "in trailer " + segment + " does not match what was received ("
                                + countOf(segment) + ").");
            case NONE -> throw new IllegalArgumentException("not an error");
        };
    }

    private static String allowed(ElementFacts facts) {
        if (facts.codes().isEmpty() || facts.codes().size() > 12) {
            return " in its code list";
        }
        return "; allowed: " + String.join(", ", new TreeSet<>(facts.codes()));
    }

    private static String countOf(String trailer) {
        return switch (trailer) {
            case "UNT", "SE" -> "the number of segments in the message, header and trailer included";
            case "UNZ", "IEA" -> "the number of messages or groups in the interchange";
            case "UNE", "GE" -> "the number of messages in the group";
            default -> "the number received";
        };
    }

    private static EdiFault segmentFault(
            ErrorCode code, String segment, Integer position, Integer line, String edifact, String x12, String text) {
        return new EdiFault(code, segment, position, line, null, null, null, edifact, x12, text);
    }

    private static EdiFault elementFault(
            ErrorCode code,
            String segment,
            Integer position,
            Integer line,
            Integer element,
            Integer component,
            String dataElement,
            String edifact,
            String x12,
            String text) {
        return new EdiFault(code, segment, position, line, element, component, dataElement, edifact, x12, text);
    }
}
