package org.corridor.bench.edi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Corridor's own EDI parse + map: {@code EdiDocumentParser} (StAEDI with Corridor's D96A QALITY schema, the
 * corridor's validation, then {@code QalityMapper} to the canonical {@code ASSAY_CERTIFICATE} body), streaming
 * message by message as the gateway and {@code corridor.jar validate} do. Counts the ParsedMessages handed out;
 * any fault (the parser throws {@code RejectedException} at the end of the file) fails the run.
 *
 * <p>The product is loaded from the exploded Spring Boot jar ({@code BOOT-INF/classes} + {@code BOOT-INF/lib/*},
 * directory in the system property {@code edi.corridorApp}, which run.sh unpacks from {@code target/corridor.jar})
 * in its own class loader whose parent is the platform loader: Corridor's Camel, Spring and Jackson never meet
 * Smooks's on one class path, and nothing of the product has to be installed into the Maven repository. It is
 * called by reflection for that reason. logback is left out, so the product's logging is silent (no provider).
 */
public final class CorridorSubject implements Subject {

    private final ClassLoader loader;
    private final Object parser;
    private final Object detection;
    private final Method parse;

    public CorridorSubject() throws Exception {
        String app = System.getProperty("edi.corridorApp");
        if (app == null) {
            throw new IllegalStateException("no -Dedi.corridorApp: the directory of the unpacked corridor.jar"
                    + " (run.sh sets it)");
        }
        loader = new URLClassLoader("corridor", urls(Path.of(app)), ClassLoader.getPlatformClassLoader());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class<?> schemasType = loader.loadClass("org.corridor.edi.EdiSchemas");
            Class<?> detectionType = loader.loadClass("org.corridor.detect.Detection");
            Class<?> parserType = loader.loadClass("org.corridor.parse.edi.EdiDocumentParser");
            Object schemas = schemasType.getConstructor().newInstance();
            Class<?> referenceType = loader.loadClass("org.corridor.canonical.ReferenceData");
            Object reference = referenceType.getMethod("load").invoke(null);
            Object mappers = loader.loadClass("org.corridor.formats.FormatCatalog")
                    .getMethod("ediMappers", referenceType)
                    .invoke(null, reference);
            parser = parserType.getConstructor(schemasType, List.class).newInstance(schemas, mappers);
            detection = detectionType.getConstructor(String.class, String.class, String.class)
                    .newInstance("EDIFACT", null, null);
            parse = parserType.getMethod("parse", InputStream.class, detectionType, Consumer.class, Consumer.class);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    static URL[] urls(Path app) throws IOException {
        Path classes = app.resolve("BOOT-INF/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(app + " holds no BOOT-INF/classes: not an unpacked corridor.jar");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        try (Stream<Path> jars = Files.list(app.resolve("BOOT-INF/lib"))) {
            for (Path jar : jars.sorted().toList()) {
                if (!jar.getFileName().toString().startsWith("logback-")) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    public String name() {
        return "Corridor EdiDocumentParser: parse + validate + map to canonical";
    }

    @Override
    public long run(Path file) throws Exception {
        long[] messages = new long[1];
        Consumer<Object> parsed = message -> messages[0]++;
        Consumer<Object> facts = fact -> { };
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try (InputStream in = Inputs.open(file)) {
            parse.invoke(parser, in, detection, parsed, facts);
        } catch (InvocationTargetException e) {
            if (Inputs.deadlinePassed()) {
                // The reader may turn the failed read into a syntax problem: it was the deadline.
                throw new Inputs.DeadlineException();
            }
            Throwable cause = e.getCause();
            if (cause.getClass().getName().equals("org.corridor.problem.RejectedException")) {
                throw new IllegalStateException("Corridor refused " + file.getFileName() + " after "
                        + messages[0] + " messages: " + cause.getMessage(), cause);
            }
            throw cause instanceof Exception ex ? ex : e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return messages[0];
    }
}
