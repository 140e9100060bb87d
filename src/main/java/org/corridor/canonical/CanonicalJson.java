package org.corridor.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson configuration of the canonical JSON contract. Kept here rather than as annotations on the records
 * so the model stays free of wire-format concerns: decimals are written as written (never as binary floating point or
 * exponent form), dates as ISO strings, absent values omitted, properties in declaration order.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // an event time read back keeps the offset it was sent with (+05:00 stays +05:00, not UTC)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // reading back keeps 21342.00 as written: trees would otherwise strip trailing zeros
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .propertyNamingStrategy(new ContractNames())
            .build();

    private CanonicalJson() {}

    /** Contract field names Java cannot use as record components: {@code notifyParty} is written {@code notify}. */
    private static final class ContractNames extends PropertyNamingStrategy {
        private static final long serialVersionUID = 1L;

        @Override
        public String nameForGetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
            return rename(defaultName);
        }

        @Override
        public String nameForField(MapperConfig<?> config, AnnotatedField field, String defaultName) {
            return rename(defaultName);
        }

        @Override
        public String nameForConstructorParameter(
                MapperConfig<?> config, AnnotatedParameter parameter, String defaultName) {
            return rename(defaultName);
        }

        private static String rename(String name) {
            return "notifyParty".equals(name) ? "notify" : name;
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The body type of each kind, for reading canonical JSON back. */
    private static final Map<DocumentKind, Class<? extends DocumentBody>> BODIES = Map.of(
            DocumentKind.ASSAY_CERTIFICATE, AssayCertificate.class,
            DocumentKind.CUSTOMS_DECLARATION, CustomsDeclaration.class,
            DocumentKind.CUSTOMS_RESPONSE, CustomsResponse.class,
            DocumentKind.SHIPPING_INSTRUCTION, ShippingDocument.class,
            DocumentKind.BILL_OF_LADING, ShippingDocument.class,
            DocumentKind.PACKING_LIST, PackingList.class,
            DocumentKind.TRANSPORT_EVENT, TransportEvent.class,
            DocumentKind.INVOICE, Invoice.class,
            DocumentKind.ACKNOWLEDGEMENT, Acknowledgement.class,
            DocumentKind.SHIPMENT_DOSSIER, ShipmentDossier.class);

    /**
     * Reads canonical JSON back: one document or an array of them, as {@code convert} prints. The body type follows
     * from {@code kind}. Throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static List<CanonicalDocument> readAll(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()), e);
        }
        plainNumbers(root, "$");
        List<CanonicalDocument> documents = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                documents.add(read(root.get(i), "$[" + i + "]"));
            }
        } else if (root != null && root.isObject()) {
            documents.add(read(root, "$"));
        } else {
            throw new IllegalArgumentException("$: expected a canonical document or an array of them");
        }
        return documents;
    }

    /**
     * Refuses a number with an exponent or scale beyond 100 ({@code 1e999999999}): it reads, but any sum or rule
     * with it would need a billion digits.
     */
    private static void plainNumbers(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isBigDecimal() && Math.abs((long) node.decimalValue().scale()) > 100) {
            throw new IllegalArgumentException(
                    path + ": " + node.asText() + " is beyond the numbers a canonical" + " document holds");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                plainNumbers(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> plainNumbers(e.getValue(), path + "." + e.getKey()));
        }
    }

    private static CanonicalDocument read(JsonNode node, String path) {
        if (!CanonicalDocument.SCHEMA.equals(node.path("schema").asText())) {
            throw new IllegalArgumentException(path + ".schema: expected \"" + CanonicalDocument.SCHEMA + "\"");
        }
        DocumentKind kind;
        try {
            kind = DocumentKind.valueOf(node.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    path + ".kind: \"" + node.path("kind").asText() + "\" is not a document kind", e);
        }
        Class<? extends DocumentBody> type = BODIES.get(kind);
        if (type == null) {
            throw new IllegalArgumentException(path + ".kind: " + kind + " documents cannot be read back yet");
        }
        try {
            return new CanonicalDocument(
                    CanonicalDocument.SCHEMA,
                    kind,
                    text(node, "documentId"),
                    node.hasNonNull("source") ? MAPPER.treeToValue(node.get("source"), Source.class) : null,
                    text(node, "agreementRef"),
                    text(node, "shipmentRef"),
                    node.hasNonNull("enrichment") ? MAPPER.treeToValue(node.get("enrichment"), Enrichment.class) : null,
                    node.hasNonNull("findings")
                            ? List.of(MAPPER.treeToValue(node.get("findings"), org.corridor.problem.Finding[].class))
                            : null,
                    kind == DocumentKind.SHIPMENT_DOSSIER
                            ? dossier(node.path("body"), path + ".body")
                            : MAPPER.treeToValue(node.path("body"), type));
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** A dossier's documents have bodies of their own kinds, so they are read back one by one like top-level ones. */
    private static ShipmentDossier dossier(JsonNode body, String path) throws IOException {
        List<CanonicalDocument> documents = new ArrayList<>();
        JsonNode list = body.path("documents");
        for (int i = 0; i < list.size(); i++) {
            documents.add(read(list.get(i), path + ".documents[" + i + "]"));
        }
        return new ShipmentDossier(
                text(body, "shipmentRef"),
                text(body, "agreementRef"),
                text(body, "status"),
                body.hasNonNull("completedAt")
                        ? MAPPER.treeToValue(body.get("completedAt"), java.time.OffsetDateTime.class)
                        : null,
                documents,
                body.hasNonNull("findings")
                        ? List.of(MAPPER.treeToValue(body.get("findings"), org.corridor.problem.Finding[].class))
                        : List.of());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** One document as pretty-printed JSON, the form partners receive. */
    public static String write(CanonicalDocument document) {
        return writeValue(document);
    }

    /** Several documents as a JSON array, the form {@code convert --to canonical} prints. */
    public static String writeAll(List<CanonicalDocument> documents) {
        return writeValue(documents);
    }

    /**
     * Writes documents one at a time as the same JSON array {@link #writeAll} prints, for files too large to hold
     * all their documents at once. {@link #close()} ends the array.
     */
    public static final class ArrayWriter implements AutoCloseable {
        private final com.fasterxml.jackson.core.JsonGenerator generator;

        public ArrayWriter(java.io.OutputStream out) {
            try {
                generator = MAPPER.getFactory().createGenerator(out);
                generator.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
                generator.writeStartArray();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(CanonicalDocument document) {
            try {
                MAPPER.writeValue(generator, document);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                generator.writeEndArray();
                generator.writeRaw('\n');
                generator.close();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One document on one line (no line breaks inside), for batch files of one document per line. */
    public static String writeLine(CanonicalDocument document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
