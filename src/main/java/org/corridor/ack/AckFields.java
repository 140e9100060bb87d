package org.corridor.ack;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSyntax;

/**
 * Which values read from a received interchange may be copied into its acknowledgement. An acknowledgement quotes
 * the sender's references (control numbers, ids, message types, segment tags); a hostile or broken file can put
 * anything there, and an acknowledgement that copies it is itself broken EDI (a control character, a delimiter, a
 * value too long for its element). So each value is checked against the element it goes into, as the standard
 * defines it (StAEDI's control schema for the envelope, Corridor's schema of CONTRL, 997 or 999 for the message):
 * its length, its code list, digits for a numeric element, and characters the acknowledgement's syntax can carry.
 * A value that does not fit is left out; where the element is mandatory the caller decides what to do instead.
 */
final class AckFields {

    /** The characters of UNOA (level A): upper-case letters, digits, space and a few marks. */
    private static final String UNOA = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/='+:?!\"%&*;<>";

    /** StAEDI's envelope schemas by standard and version, read from its jar once. */
    private static final Map<String, Schema> CONTROL = new ConcurrentHashMap<>();

    private final EdiSyntax syntax;
    private final Schema control;
    private final Schema message;

    private AckFields(EdiSyntax syntax, Schema control, Schema message) {
        this.syntax = syntax;
        this.control = control;
        this.message = message;
    }

    /** The fields of an acknowledgement of type {@code ackType} (CONTRL, 997, 999) written in {@code syntax}. */
    static AckFields of(EdiSyntax syntax, String ackType, EdiSchemas schemas) {
        String[] version = syntax.isX12()
                ? new String[] {syntax.syntaxVersion()}
                : new String[] {syntax.syntaxId(), syntax.syntaxVersion()};
        Schema control = CONTROL.computeIfAbsent(syntax.standard() + " " + String.join(":", version), key -> {
            try {
                return SchemaFactory.newFactory().getControlSchema(syntax.standard(), version);
            } catch (EDISchemaException e) {
                throw new IllegalStateException("StAEDI has no control schema for " + syntax, e);
            }
        });
        Schema message = switch (ackType) {
            case "CONTRL" -> schemas.find(EdiEnvelope.EDIFACT, "D3", "CONTRL").orElseThrow();
            case "999" -> schemas.find(EdiEnvelope.X12, "005010X231A1", "999").orElseThrow();
            default -> schemas.find(EdiEnvelope.X12, "004010", "997").orElseThrow();
        };
        return new AckFields(syntax, control, message);
    }

    /** The value if it fits the envelope element of type {@code type} (e.g. {@code DE0020}, {@code I12}), else null. */
    String envelope(String type, String value) {
        return fits(control.getType(type), value) ? value : null;
    }

    /** The value if it fits the message element of type {@code type} (e.g. {@code E0062}, {@code E329}), else null. */
    String message(String type, String value) {
        return fits(message.getType(type), value) ? value : null;
    }

    /** A whole number for a numeric message element, if it fits. */
    String message(String type, Integer value) {
        return value == null ? null : message(type, String.valueOf(value));
    }

    private boolean fits(EDIType type, String value) {
        if (!(type instanceof EDISimpleType simple)) {
            throw new IllegalArgumentException("no element type " + type);
        }
        if (value == null
                || value.isEmpty()
                || value.length() > simple.getMaxLength()
                || value.length() < Math.max(1, simple.getMinLength())) {
            return false;
        }
        if (!simple.getValueSet().isEmpty() && !simple.getValueSet().contains(value)) {
            return false;
        }
        return switch (simple.getBase()) {
            case NUMERIC -> digits(value);
            case DATE -> digits(value) && date(value);
            case TIME -> digits(value) && time(value);
            default -> value.chars().allMatch(this::carried);
        };
    }

    private static boolean digits(String value) {
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** YYMMDD or CCYYMMDD that is a day of the calendar. */
    private static boolean date(String value) {
        try {
            LocalDate.parse(value.length() == 6 ? "20" + value : value, DateTimeFormatter.BASIC_ISO_DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** HHMM, optionally with seconds: a time of day. */
    private static boolean time(String value) {
        return value.length() >= 4
                && Integer.parseInt(value.substring(0, 2)) < 24
                && Integer.parseInt(value.substring(2, 4)) < 60
                && (value.length() < 6 || Integer.parseInt(value.substring(4, 6)) < 60);
    }

    /**
     * Printable ASCII the acknowledgement's syntax can carry: EDIFACT escapes its delimiters with the release
     * character, so only UNOA's smaller repertoire limits it; X12 has no release character, so its delimiters cannot
     * appear in a value at all.
     */
    private boolean carried(int c) {
        if (c < 0x20 || c > 0x7E) {
            return false;
        }
        if (syntax.isX12()) {
            // from 00402 on ISA11 is the repetition separator, '^' unless the syntax names another (see EdiWriter)
            char repetition = syntax.repetitionSeparator() != null ? syntax.repetitionSeparator() : '^';
            return c != syntax.segmentTerminator()
                    && c != syntax.elementSeparator()
                    && c != syntax.componentSeparator()
                    && (syntax.syntaxVersion().compareTo("00402") < 0 || c != repetition);
        }
        return !"UNOA".equals(syntax.syntaxId()) || UNOA.indexOf(c) >= 0;
    }
}
