package org.corridor.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.List;

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
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .propertyNamingStrategy(new ContractNames())
            .build();

    private CanonicalJson() {
    }

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
        public String nameForConstructorParameter(MapperConfig<?> config, AnnotatedParameter parameter,
                                                  String defaultName) {
            return rename(defaultName);
        }

        private static String rename(String name) {
            return "notifyParty".equals(name) ? "notify" : name;
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One document as pretty-printed JSON, the form partners receive. */
    public static String write(CanonicalDocument document) {
        return writeValue(document);
    }

    /** Several documents as a JSON array, the form {@code convert --to canonical} prints. */
    public static String writeAll(List<CanonicalDocument> documents) {
        return writeValue(documents);
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
