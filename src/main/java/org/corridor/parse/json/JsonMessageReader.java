package org.corridor.parse.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.corridor.detect.ContentDetector;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Reads one JSON message strictly and checks it against its JSON Schema. Jackson's tree keeps no positions, so the
 * tree is built here token by token, remembering the line and column of every value under its JSON path
 * ({@code $.lines[0].hsCode}); a refusal can then name both the path and the line, as a clerk needs.
 */
final class JsonMessageReader {

    /**
     * The deepest nesting read. A worksheet nests four levels; a hostile file may nest 100,000, which would overflow
     * the stack of the reader below (and of the schema validator after it): refused while parsing instead.
     */
    static final int MAX_DEPTH = 64;
    /** The largest exponent or number of decimals a number may have: amounts have 2 decimals, ratios a few more. */
    static final int MAX_SCALE = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** Binds checked trees to the DTOs: exact decimals, ISO dates, no silent acceptance of floats as doubles. */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .build();

    private final JsonSchema schema;
    private final String messageName;

    /** {@code schemaResource} is a classpath resource such as {@code /schemas/psw-worksheet-1.schema.json}. */
    JsonMessageReader(String schemaResource, String messageName) {
        this.messageName = messageName;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
        try (InputStream in = JsonMessageReader.class.getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema " + schemaResource + " is not on the classpath");
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message as a tree with the position of every value, after the schema accepted it. */
    Checked read(byte[] content) {
        String text = ContentDetector.stripBom(decode(content));
        Map<String, JsonLocation> locations = new HashMap<>();
        JsonNode root;
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    throw new RejectedException(
                            ErrorCode.JSON_MALFORMED,
                            Location.line(1),
                            "The file holds no JSON value; the " + messageName + " must be one JSON object.");
                }
                root = readValue(parser, "$", locations);
                JsonToken after = parser.nextToken();
                if (after != null) {
                    throw malformed(
                            parser.currentTokenLocation(),
                            "$",
                            "There is more text after the end of the JSON object. The file must hold exactly one "
                                    + messageName + ".");
                }
            } catch (StreamConstraintsException e) {
                throw beyondLimits(e, parser.currentLocation());
            }
        } catch (JsonParseException e) {
            throw malformed(e.getLocation(), null, plain(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<ValidationMessage> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            Checked checked = new Checked(root, locations);
            ValidationMessage first = errors.stream()
                    .min(Comparator.comparing((ValidationMessage m) -> checked.order(SchemaErrors.path(m)))
                            .thenComparing(ValidationMessage::getMessage))
                    .orElseThrow();
            String path = SchemaErrors.path(first);
            throw new RejectedException(ErrorCode.JSON_SCHEMA, checked.at(path), SchemaErrors.explain(first, path));
        }
        return new Checked(root, locations);
    }

    private JsonNode readValue(JsonParser p, String path, Map<String, JsonLocation> locations) throws IOException {
        locations.put(path, p.currentTokenLocation());
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (nextField(p, path) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, readValue(p, path + "." + name, locations));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(p, path + "[" + index + "]", locations));
                    index++;
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return nodes.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                // the decimal as written (21283.40 keeps its scale): weights and values are compared exactly
                BigDecimal value;
                try {
                    value = p.getDecimalValue();
                } catch (NumberFormatException e) {
                    value = null; // 1e-2147483648: an exponent no BigDecimal has
                }
                if (value == null || Math.abs((long) value.scale()) > MAX_SCALE) {
                    // 1e999999999 parses, but adding it to a line value would need a billion digits
                    JsonLocation at = p.currentTokenLocation();
                    throw new RejectedException(
                            ErrorCode.JSON_LIMIT,
                            new Location(line(at), column(at), path, null, null),
                            path + ": \"" + p.getText() + "\" is beyond the numbers a " + messageName
                                    + " holds. Write the value as a plain decimal number, such as 21283.40.");
                }
                return nodes.numberNode(value);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw malformed(p.currentTokenLocation(), path, "Unexpected " + p.currentToken() + ".");
        }
    }

    /** The next token inside an object; a repeated key is refused with its path rather than Jackson's wording. */
    private JsonToken nextField(JsonParser p, String path) throws IOException {
        try {
            return p.nextToken();
        } catch (JsonParseException e) {
            String name = p.getParsingContext() != null ? p.getParsingContext().getCurrentName() : null;
            if (name != null
                    && e.getOriginalMessage() != null
                    && e.getOriginalMessage().startsWith("Duplicate field")) {
                JsonLocation at = e.getLocation();
                throw new RejectedException(
                        ErrorCode.JSON_DUPLICATE_KEY,
                        new Location(line(at), column(at), path + "." + name, null, null),
                        "The key \"" + name + "\" appears twice in "
                                + ("$".equals(path) ? "the top-level object" : "the object at " + path)
                                + ". Each key may appear only once; remove the"
                                + " repeated one.");
            }
            throw e;
        }
    }

    /** Nesting deeper than {@link #MAX_DEPTH}, or a number or string longer than Jackson's limits. */
    private RejectedException beyondLimits(StreamConstraintsException e, JsonLocation where) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what = original.contains("nesting depth")
                ? "The JSON is nested more than " + MAX_DEPTH + " levels" + " deep here; a " + messageName
                        + " nests only a few levels."
                : original.startsWith("Number value length")
                        ? "A number here is longer than any value of a "
                                + messageName + " (" + original.replaceAll("^Number value length \\((\\d+)\\).*", "$1")
                                + " characters)."
                        : "A value here is longer than any value of a " + messageName + ".";
        JsonLocation at = e.getLocation() != null ? e.getLocation() : where;
        return new RejectedException(
                ErrorCode.JSON_LIMIT,
                new Location(line(at), column(at), null, null, null),
                what + " Send the " + messageName + " as its guide" + " describes it.");
    }

    private RejectedException malformed(JsonLocation at, String path, String message) {
        return new RejectedException(
                ErrorCode.JSON_MALFORMED, new Location(line(at), column(at), path, null, null), message);
    }

    /** Jackson's message without its source excerpt, turned towards what the sender should do. */
    private String plain(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Unexpected end-of-input")) {
            return "The JSON ends too early: an object or list is not closed. The file is probably cut off; send the"
                    + " complete " + messageName + " again.";
        }
        int newline = original.indexOf('\n');
        String first = newline < 0 ? original : original.substring(0, newline);
        return "The text is not valid JSON here: " + first + ".";
    }

    private static Integer line(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? null : at.getLineNr();
    }

    private static Integer column(JsonLocation at) {
        return at == null || at.getColumnNr() < 1 ? null : at.getColumnNr();
    }

    /** Strict UTF-8: a byte that is not UTF-8 is reported with its line rather than replaced. */
    static String decode(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            ByteBuffer in = ByteBuffer.wrap(content);
            decoder.reset().decode(in, CharBuffer.allocate(content.length + 1), true);
            int line = 1;
            int column = 1;
            for (int i = 0; i < in.position(); i++) {
                if (content[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((content[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new RejectedException(
                    ErrorCode.BAD_ENCODING,
                    Location.at(line, column, null),
                    "The file is not UTF-8 text (a byte here is not valid UTF-8; the file was probably saved as"
                            + " Latin-1 or Windows-1252). Save it as UTF-8 and send it again.");
        }
    }

    /** A schema-valid message: its tree and where each value stands in the file. */
    record Checked(JsonNode root, Map<String, JsonLocation> locations) {

        /**
         * The place of the value at a JSON path: its line and column, or for a missing value those of the object that
         * should hold it.
         */
        Location at(String path) {
            String known = path;
            while (known != null && !locations.containsKey(known)) {
                known = parent(known);
            }
            JsonLocation at = known == null ? null : locations.get(known);
            return new Location(line(at), column(at), path, null, null);
        }

        /**
         * The checked tree as the message's record. The schema bounds values by type and form but not by size: a
         * 40-digit whole number is an integer to it, and too large for the record's field. That is refused where it
         * stands (JSON_LIMIT); anything else that does not bind is the schema and the record out of step.
         */
        <T> T bind(Class<T> type, String messageName) {
            try {
                return MAPPER.treeToValue(root, type);
            } catch (JsonMappingException e) {
                if (e.getCause() instanceof InputCoercionException
                        || String.valueOf(e.getOriginalMessage()).contains("out of range")) {
                    StringBuilder path = new StringBuilder("$");
                    for (JsonMappingException.Reference r : e.getPath()) {
                        path.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
                    }
                    throw new RejectedException(
                            ErrorCode.JSON_LIMIT,
                            at(path.toString()),
                            path + ": the number is" + " larger than any value of a " + messageName
                                    + " Corridor reads. Check the number.");
                }
                throw new IllegalStateException(
                        messageName + " accepted by the schema but not bindable: " + e.getMessage(), e);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        messageName + " accepted by the schema but not bindable: " + e.getMessage(), e);
            }
        }

        /** Values earlier in the file first, so the first refusal is the one a reader meets first. */
        long order(String path) {
            String known = path;
            while (known != null && !locations.containsKey(known)) {
                known = parent(known);
            }
            JsonLocation at = known == null ? null : locations.get(known);
            return at == null ? Long.MAX_VALUE : at.getCharOffset();
        }

        private static String parent(String path) {
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            return cut <= 0 ? null : path.substring(0, cut);
        }
    }
}
