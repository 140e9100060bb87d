package org.corridor.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Reading typed values out of segments, with a rejection that names the place when a value is wrong: EDIFACT
 * DTM formats 102 ({@code CCYYMMDD}), 203 ({@code CCYYMMDDHHMM}) and 204 ({@code CCYYMMDDHHMMSS}); X12 dates
 * ({@code CCYYMMDD}) and times ({@code HHMM}); decimals with a full stop or (EDIFACT) a comma as decimal mark.
 */
public final class EdiValues {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("uuuuMMddHHmm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)([Ee][-+]?\\d{1,2})?");

    private EdiValues() {}

    /** Where a value is, as a rejection reports it. */
    public static Location at(EdiSegment segment, int element, int component) {
        return new Location(
                segment.line() > 0 ? segment.line() : null,
                null,
                EdiFault.reference(segment.tag(), element, component),
                segment.tag(),
                segment.position());
    }

    /** Where a segment is. */
    public static Location at(EdiSegment segment) {
        return new Location(segment.line() > 0 ? segment.line() : null, null, null, segment.tag(), segment.position());
    }

    public static RejectedException reject(
            ErrorCode code, EdiSegment segment, int element, int component, String text) {
        return new RejectedException(code, at(segment, element, component), text);
    }

    /** A date in {@code CCYYMMDD} (EDIFACT format 102, X12 dates), or null when the component is empty. */
    public static LocalDate date(EdiSegment segment, int element, int component) {
        String value = segment.component(element, component);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            throw reject(
                    ErrorCode.EDI_DATE,
                    segment,
                    element,
                    component,
                    "\"" + value + "\" in "
                            + segment.reference(element, component) + " is not a valid date. Write dates as CCYYMMDD,"
                            + " for example 20251006.");
        }
    }

    /**
     * The date of an EDIFACT DTM segment (C507: qualifier, value, format): formats 102, 203 and 204 (the time is
     * dropped); any other format is refused.
     */
    public static LocalDate dtmDate(EdiSegment dtm) {
        String value = dtm.component(1, 2);
        String format = dtm.component(1, 3) == null ? "102" : dtm.component(1, 3);
        if (value == null) {
            return null;
        }
        try {
            return switch (format) {
                case "102" -> LocalDate.parse(value, DATE);
                case "203" -> LocalDateTime.parse(value, MINUTES).toLocalDate();
                case "204" -> LocalDateTime.parse(value, SECONDS).toLocalDate();
                default ->
                    throw reject(
                            ErrorCode.EDI_DATE,
                            dtm,
                            1,
                            3,
                            "Date format \"" + format + "\" in "
                                    + dtm.reference(1, 3) + " is not one Corridor reads. Use 102 (CCYYMMDD), 203"
                                    + " (CCYYMMDDHHMM) or 204 (CCYYMMDDHHMMSS).");
            };
        } catch (DateTimeParseException e) {
            throw reject(
                    ErrorCode.EDI_DATE,
                    dtm,
                    1,
                    2,
                    "\"" + value + "\" in " + dtm.reference(1, 2) + " is not a valid date in format " + format + " ("
                            + pattern(format) + ").");
        }
    }

    /** The date and time of an EDIFACT DTM segment in format 203 or 204, or a date (102) at midnight. */
    public static LocalDateTime dtmDateTime(EdiSegment dtm) {
        String value = dtm.component(1, 2);
        String format = dtm.component(1, 3) == null ? "102" : dtm.component(1, 3);
        if (value == null) {
            return null;
        }
        try {
            return switch (format) {
                case "102" -> LocalDate.parse(value, DATE).atStartOfDay();
                case "203" -> LocalDateTime.parse(value, MINUTES);
                case "204" -> LocalDateTime.parse(value, SECONDS);
                default ->
                    throw reject(
                            ErrorCode.EDI_DATE,
                            dtm,
                            1,
                            3,
                            "Date format \"" + format + "\" in "
                                    + dtm.reference(1, 3) + " is not one Corridor reads. Use 102 (CCYYMMDD), 203"
                                    + " (CCYYMMDDHHMM) or 204 (CCYYMMDDHHMMSS).");
            };
        } catch (DateTimeParseException e) {
            throw reject(
                    ErrorCode.EDI_DATE,
                    dtm,
                    1,
                    2,
                    "\"" + value + "\" in " + dtm.reference(1, 2) + " is not a valid date and time in format " + format
                            + " (" + pattern(format) + ").");
        }
    }

    /** An X12 date ({@code CCYYMMDD}) and optional time ({@code HHMM}) in two elements. */
    public static LocalDateTime x12DateTime(EdiSegment segment, int dateElement, int timeElement) {
        LocalDate date = date(segment, dateElement, 1);
        if (date == null) {
            return null;
        }
        String time = segment.element(timeElement);
        if (time == null) {
            return date.atStartOfDay();
        }
        try {
            return LocalDateTime.parse(
                    segment.element(dateElement) + time.substring(0, Math.min(4, time.length())), MINUTES);
        } catch (DateTimeParseException e) {
            throw reject(
                    ErrorCode.EDI_DATE,
                    segment,
                    timeElement,
                    0,
                    "\"" + time + "\" in "
                            + segment.reference(timeElement, 0)
                            + " is not a valid time. Write times as HHMM, for example"
                            + " 1430.");
        }
    }

    /**
     * A decimal number (full stop or comma as decimal mark), exact; null when empty. An exponent (X12 R allows one) is
     * read up to two digits: {@code 1E999999999} is a number only in theory, and adding it to an amount would need a
     * billion digits.
     */
    public static BigDecimal decimal(EdiSegment segment, int element, int component) {
        String value = segment.component(element, component);
        if (value == null) {
            return null;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw reject(
                    ErrorCode.EDI_NUMBER,
                    segment,
                    element,
                    component,
                    "\"" + value + "\" in "
                            + segment.reference(element, component)
                            + " is not a number. Write numbers with a full stop as"
                            + " decimal mark, for example 24.12.");
        }
        return new BigDecimal(value.replace(',', '.'));
    }

    /** An integer count; null when empty. */
    public static Integer integer(EdiSegment segment, int element, int component) {
        BigDecimal value = decimal(segment, element, component);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw reject(
                    ErrorCode.EDI_NUMBER,
                    segment,
                    element,
                    component,
                    "\"" + value + "\" in " + segment.reference(element, component) + " must be a whole number.");
        }
    }

    private static String pattern(String format) {
        return switch (format) {
            case "203" -> "CCYYMMDDHHMM";
            case "204" -> "CCYYMMDDHHMMSS";
            default -> "CCYYMMDD";
        };
    }
}
