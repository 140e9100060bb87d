package org.corridor.edi;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The StAEDI schemas of the messages Corridor reads, from the classpath: {@code edi/edifact/D96A/QALITY.xml},
 * {@code edi/x12/004010/863.xml}; a schema without a version folder ({@code edi/edifact/CONTRL.xml},
 * {@code edi/x12/999.xml}) serves every version. Each schema lists only the segments the corridor uses, so a
 * missing mandatory segment, a wrong count, a bad code or an over-long element is found with its position. Loaded
 * once, shared by all readers.
 */
public final class EdiSchemas {

    private final SchemaFactory factory = SchemaFactory.newFactory();
    private final Map<String, Optional<Schema>> cache = new ConcurrentHashMap<>();
    private final Map<Schema, Optional<EdiScreen>> screens = new ConcurrentHashMap<>();

    /** The schema for a message, or empty when Corridor does not read that message type and version. */
    public Optional<Schema> find(String standard, String version, String messageType) {
        if (standard == null || messageType == null) {
            return Optional.empty();
        }
        String folder = "edi/" + standard.toLowerCase(Locale.ROOT) + "/";
        String key = folder + version + "/" + messageType;
        return cache.computeIfAbsent(
                key,
                k -> load(folder + version + "/" + messageType + ".xml").or(() -> load(folder + messageType + ".xml")));
    }

    /** Whether Corridor has a schema for the message. */
    public boolean knows(String standard, String version, String messageType) {
        return find(standard, version, messageType).isPresent();
    }

    /** The quick clean-body test for a schema, made once; empty when the schema uses what it cannot decide. */
    Optional<EdiScreen> screen(Schema schema) {
        return screens.computeIfAbsent(schema, s -> Optional.ofNullable(EdiScreen.of(s)));
    }

    private Optional<Schema> load(String resource) {
        try (InputStream in = EdiSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(factory.createSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (EDISchemaException e) {
            throw new IllegalStateException("EDI schema " + resource + " is invalid: " + e.getMessage(), e);
        }
    }
}
