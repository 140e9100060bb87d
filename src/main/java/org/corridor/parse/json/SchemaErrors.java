package org.corridor.parse.json;

import com.networknt.schema.ValidationMessage;

/**
 * Turns a JSON Schema validation message into the path of the faulty value and a sentence a clerk understands. The
 * validator's own wording ("string found, number expected") is kept only for keywords without a sentence here.
 */
final class SchemaErrors {

    private SchemaErrors() {}

    /** The JSON path of the value at fault; for a missing or unknown key, the path that key has or would have. */
    static String path(ValidationMessage m) {
        String instance = m.getInstanceLocation().toString();
        String property = m.getProperty();
        if ("dependentRequired".equals(m.getType()) && m.getArguments() != null && m.getArguments().length > 0) {
            // arguments: the missing key, then the key whose presence requires it
            return instance + "." + m.getArguments()[0];
        }
        if (property != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
            return instance + "." + property;
        }
        return instance;
    }

    static String explain(ValidationMessage m, String path) {
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        return switch (m.getType()) {
            case "type" ->
                path + ": must be " + article(args.length > 1 ? String.valueOf(args[1]) : "?")
                        + ", but it is " + article(args.length > 0 ? String.valueOf(args[0]) : "?")
                        + ("string".equals(args.length > 0 ? String.valueOf(args[0]) : "")
                                ? ". Write numbers without quotes, with a point for decimals (21283.40)."
                                : ".");
            case "required" -> path + ": is missing, but it is required here.";
            case "dependentRequired" ->
                path + ": is missing, but it is required when " + (args.length > 1 ? args[1] : "another field")
                        + " is given.";
            case "additionalProperties" ->
                path + ": is not a field of this message. Check the spelling against the" + " message guide.";
            case "enum" -> path + ": is not an allowed value. Use one of: " + (args.length > 0 ? args[0] : "?") + ".";
            case "pattern" -> path + ": does not have the required form " + (args.length > 0 ? args[0] : "?") + ".";
            case "format" ->
                path + ": is not a valid " + (args.length > 0 ? args[0] : "value")
                        + (String.valueOf(args.length > 0 ? args[0] : "").equals("date")
                                ? "; write dates as YYYY-MM-DD, for example 2025-10-14."
                                : ".");
            case "minItems" -> path + ": must hold at least " + (args.length > 0 ? args[0] : "one") + " item(s).";
            default -> m.getMessage();
        };
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "integer", "object", "array" -> "an " + jsonType;
            case "null" -> "null";
            default -> "a " + jsonType;
        };
    }
}
