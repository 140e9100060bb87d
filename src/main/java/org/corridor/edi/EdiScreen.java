package org.corridor.edi;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDILoopType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A quick, one-sided test that StAEDI would find nothing wrong in a message body, so the message need not be read
 * again with its schema attached. StAEDI checks every element against the schema through lookups that cost about four
 * times its parse (issue 16); this test answers "certainly clean" only for what it can decide exactly, and "not
 * sure" for everything else (a code outside the list, a length near a limit, a date, a character outside plain ASCII
 * letters, digits and a few marks, a repetition, a structure not yet seen clean). "Not sure" sends the message through
 * StAEDI with the schema, so every fault is still StAEDI's own, with its own position and wording.
 *
 * <p>Structure (order, loops, counts) depends only on the sequence of segment tags when the schema has no
 * implementation, versions or hierarchical loops: a sequence is trusted once StAEDI has read a message of exactly that
 * sequence without any fault.
 */
final class EdiScreen {

    /** Shapes remembered per schema; a real partner sends a few dozen. Beyond it, new shapes are simply checked. */
    private static final int MAX_SHAPES = 10_000;

    private final Schema schema;
    private final Map<String, Field[]> segments = new ConcurrentHashMap<>();
    private final Set<String> cleanShapes = ConcurrentHashMap.newKeySet();

    private EdiScreen(Schema schema) {
        this.schema = schema;
    }

    /** A screen for the schema, or null when the schema uses something the screen cannot decide. */
    static EdiScreen of(Schema schema) {
        if (schema.getImplementation() != null) {
            return null;
        }
        for (EDIType type : schema) {
            if (type instanceof EDILoopType loop
                    && (loop.getLevelIdPosition() != null || loop.getParentIdPosition() != null)) {
                return null;
            }
            if (type instanceof EDIComplexType complex) {
                if (!complex.getSyntaxRules().isEmpty()) {
                    return null;
                }
                for (EDIReference ref : complex.getReferences()) {
                    if (ref.hasVersions()) {
                        return null;
                    }
                }
            }
            if (type instanceof EDISimpleType simple && simple.hasVersions()) {
                return null;
            }
        }
        return new EdiScreen(schema);
    }

    /** The message's tag sequence, body only: what its structure depends on. */
    static String shape(List<EdiSegment> segments) {
        StringBuilder shape = new StringBuilder(segments.size() * 4);
        for (int i = 1; i < segments.size() - 1; i++) {
            shape.append(segments.get(i).tag()).append('+');
        }
        return shape.toString();
    }

    /** Remembers a shape StAEDI read without any fault. */
    void learn(String shape) {
        if (cleanShapes.size() < MAX_SHAPES) {
            cleanShapes.add(shape);
        }
    }

    /**
     * Whether StAEDI, with the schema attached, would certainly report nothing for this message's body (header and
     * trailer are checked by StAEDI's control validation in any case). {@code decimalMark} is the interchange's.
     */
    boolean clean(List<EdiSegment> message, String shape, char decimalMark) {
        if (message.size() < 2 || !cleanShapes.contains(shape)) {
            return false;
        }
        for (int i = 1; i < message.size() - 1; i++) {
            if (!clean(message.get(i), decimalMark)) {
                return false;
            }
        }
        return true;
    }

    private boolean clean(EdiSegment segment, char decimalMark) {
        Field[] fields = segments.computeIfAbsent(segment.tag(), this::fields);
        List<List<String>> elements = segment.elements();
        if (fields.length == 0 || elements.size() > fields.length) {
            return false;
        }
        for (int e = 0; e < fields.length; e++) {
            Field field = fields[e];
            List<String> components = e < elements.size() ? elements.get(e) : List.of();
            boolean empty = true;
            for (String component : components) {
                empty &= component.isEmpty();
            }
            if (empty) {
                if (field.required) {
                    return false;
                }
                continue;
            }
            if (field.components == null) {
                if (components.size() != 1 || !field.accepts(components.get(0), decimalMark)) {
                    return false;
                }
                continue;
            }
            if (components.size() > field.components.length) {
                return false;
            }
            for (int c = 0; c < field.components.length; c++) {
                Field component = field.components[c];
                String value = c < components.size() ? components.get(c) : "";
                if (value.isEmpty() ? component.required : !component.accepts(value, decimalMark)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The segment's elements as the screen reads them; none (never clean) for a tag the schema lacks. */
    private Field[] fields(String tag) {
        if (!(schema.getType(tag) instanceof EDIComplexType segment) || !segment.isType(EDIType.Type.SEGMENT)) {
            return new Field[0];
        }
        List<EDIReference> refs = segment.getReferences();
        Field[] fields = new Field[refs.size()];
        for (int i = 0; i < fields.length; i++) {
            Field field = field(refs.get(i));
            if (field == null) {
                return new Field[0];
            }
            fields[i] = field;
        }
        return fields;
    }

    private static Field field(EDIReference ref) {
        // a repeatable element is left to StAEDI: the segments keep only the first occurrence
        if (ref.getMaxOccurs() != 1) {
            return null;
        }
        EDIType type = ref.getReferencedType();
        if (type instanceof EDISimpleType simple) {
            return new Field(ref.getMinOccurs() > 0, simple, null);
        }
        if (type instanceof EDIComplexType composite && composite.isType(EDIType.Type.COMPOSITE)) {
            List<EDIReference> refs = composite.getReferences();
            Field[] components = new Field[refs.size()];
            for (int i = 0; i < components.length; i++) {
                EDIReference c = refs.get(i);
                if (!(c.getReferencedType() instanceof EDISimpleType simple) || c.getMaxOccurs() != 1) {
                    return null;
                }
                components[i] = new Field(c.getMinOccurs() > 0, simple, null);
            }
            return new Field(ref.getMinOccurs() > 0, null, components);
        }
        return null;
    }

    /** One element or component: whether it is required, and its type (simple) or its components (composite). */
    private record Field(boolean required, EDISimpleType type, Field[] components) {

        /**
         * Whether StAEDI certainly accepts the value. Lengths are compared on the whole text, which is never shorter
         * than what StAEDI counts (digits, for numbers); a number must have at least one digit and no leading sign
         * or exponent; any other type (dates, times, binary) is left to StAEDI.
         */
        boolean accepts(String value, char decimalMark) {
            long max = type.getMaxLength();
            if (max <= 0 || value.length() > max) {
                return false;
            }
            Set<String> codes = type.getValueSet();
            if (!codes.isEmpty() && !codes.contains(value)) {
                return false;
            }
            return switch (type.getBase()) {
                case STRING, IDENTIFIER -> value.length() >= type.getMinLength() && plain(value);
                case NUMERIC -> type.getMinLength() <= 1 && digits(value, value.length());
                case DECIMAL -> type.getMinLength() <= 1 && decimal(value, decimalMark);
                default -> false;
            };
        }

        private static boolean plain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean ok = c >= 'A' && c <= 'Z'
                        || c >= 'a' && c <= 'z'
                        || c >= '0' && c <= '9'
                        || c == ' '
                        || c == '.'
                        || c == ','
                        || c == '-'
                        || c == '/'
                        || c == '('
                        || c == ')'
                        || c == '_';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private static boolean digits(String value, int end) {
            if (end == 0) {
                return false;
            }
            for (int i = 0; i < end; i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        /** Digits, optionally one decimal mark with digits on both sides. */
        private static boolean decimal(String value, char decimalMark) {
            int mark = value.indexOf(decimalMark);
            if (mark < 0) {
                return digits(value, value.length());
            }
            return digits(value, mark) && digits(value.substring(mark + 1), value.length() - mark - 1);
        }
    }
}
