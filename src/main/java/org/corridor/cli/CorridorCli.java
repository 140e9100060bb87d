package org.corridor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.edi.out.EdiRenderer;
import org.corridor.enrich.Agreement;
import org.corridor.enrich.AgreementCatalog;
import org.corridor.enrich.AgreementFiles;
import org.corridor.enrich.InvalidAgreementException;
import org.corridor.platform.DocumentPipeline;
import org.corridor.platform.Hashing;
import org.corridor.render.Renderer;
import org.corridor.render.RendererCatalog;
import org.corridor.render.us.UsBrokerDataSet;
import org.corridor.validate.Location;
import org.corridor.validate.Problem;
import org.corridor.validate.RejectedException;
import org.slf4j.LoggerFactory;

/**
 * The jar as a command-line tool: {@code convert} and {@code validate} run the gateway's own pipeline on one file
 * without starting routes, the broker or the database. Exit 0 done, 1 the document is invalid, 2 bad usage.
 */
public final class CorridorCli {

    public static final Set<String> COMMANDS = Set.of("convert", "validate", "us-broker", "replay", "help");
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: java -jar corridor.jar                                  start the gateway
                   java -jar corridor.jar convert FILE [--to canonical|worksheet-json|worksheet-csv|edifact|x12]
                                   [--partner ID] [--agreements DIR]   (--partner: whom EDI is addressed to)
                   java -jar corridor.jar validate FILE [--json] [--agreements DIR]
                   java -jar corridor.jar us-broker FILE... [--agreements DIR]   ISF 10+2 and entry lines for one shipment
                   java -jar corridor.jar replay DOCUMENT_ID [--force] [--gateway URL] [--token T]
                                   (default http://localhost:8080; token: $CORRIDOR_API_OPERATOR_TOKEN)
            Agreements are read from DIR, else from $CORRIDOR_AGREEMENTS, else from ./sample-docs/agreements.""";

    private final PrintStream out;
    private final PrintStream err;

    public CorridorCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Without Spring, logback would print INFO to standard output and mix with the JSON a script reads: send only
     * warnings, to standard error.
     */
    public static void quietLogging() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public int run(String... args) {
        if (args.length < 2 || args[0].equals("help")) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            err.println("unknown command: " + command);
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (command.equals("us-broker")) {
            return usBroker(Arrays.asList(args).subList(1, args.length));
        }
        if (command.equals("replay")) {
            return replay(Arrays.asList(args).subList(1, args.length));
        }
        Path file = Path.of(args[1]);
        String to = "canonical";
        boolean json = false;
        Path agreementsDir = null;
        String partner = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> to = i + 1 < args.length ? args[++i] : null;
                case "--partner" -> partner = i + 1 < args.length ? args[++i] : "";
                case "--json" -> json = true;
                case "--agreements" -> agreementsDir = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> {
                    err.println("unknown option: " + args[i]);
                    err.println(USAGE_TEXT);
                    return USAGE;
                }
            }
        }
        if (to == null || RendererCatalog.forTo(to).isEmpty()) {
            err.println("--to " + to + ": this build writes " + String.join(", ", RendererCatalog.TO_NAMES.keySet())
                    + " (edifact and x12: QALITY, CUSDEC, IFTMIN, INVOIC; 863, 810, 856)");
            return USAGE;
        }
        if (partner != null && (partner.isBlank() || !(RendererCatalog.forTo(to).get() instanceof EdiRenderer))) {
            err.println("--partner takes a partner id and applies to --to edifact or x12");
            return USAGE;
        }
        String sha;
        try {
            sha = Hashing.sha256Hex(file);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return USAGE;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return USAGE;
        }
        AgreementCatalog catalog = loadAgreements(agreementsDir);
        if (catalog == null) {
            return USAGE;
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        Path output = null;
        try {
            DocumentPipeline pipeline = DocumentPipeline.create(camel, catalog, Clock.systemUTC());
            String fileName = file.getFileName().toString();
            // Documents are written to a temporary file as they are read (an EDI interchange of any size streams
            // through in the memory one message needs) and printed only when the whole file was accepted.
            output = Files.createTempFile("corridor-convert-", ".out");
            int[] documents = {0};
            // what the agreement rules say about valid documents (warnings): validate shows them, as partners get them
            List<String[]> findings = new ArrayList<>();
            try (OutputStream buffered = new BufferedOutputStream(Files.newOutputStream(output))) {
                boolean canonical = command.equals("convert") && to.equals("canonical");
                Renderer chosen = command.equals("convert") && !canonical
                        ? RendererCatalog.forTo(to).orElseThrow() : null;
                // EDI is addressed as the gateway would: to the EDI id of the partner it is for
                Renderer renderer = chosen instanceof EdiRenderer edi ? edi.addressedWith(catalog, partner) : chosen;
                CanonicalJson.ArrayWriter array = canonical ? new CanonicalJson.ArrayWriter(buffered) : null;
                try {
                    pipeline.toCanonical(file, fileName, sha, idFor(sha), document -> {
                        documents[0]++;
                        document.findingList().forEach(f -> findings.add(new String[] {document.documentId(),
                            f.code(), f.severity().name(), f.field(), f.text()}));
                        if (array != null) {
                            array.write(document);
                        } else if (renderer != null) {
                            try {
                                buffered.write(renderer.render(document));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
                } finally {
                    if (array != null) {
                        array.close();
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println(fileName + ": cannot be written as " + to + ": " + e.getMessage());
                return INVALID;
            } catch (RejectedException e) {
                if (command.equals("validate") && json) {
                    out.print(validationJson(fileName, e.problems(), 0, List.of()));
                }
                err.println(fileName + ": invalid: " + e.problem().describe());
                return INVALID;
            }
            if (command.equals("convert")) {
                Files.copy(output, out);
                out.flush();
            } else if (json) {
                out.print(validationJson(fileName, List.of(), documents[0], findings));
            } else {
                out.println(fileName + ": valid, " + documents[0] + " document(s)"
                        + (findings.isEmpty() ? "" : ", " + findings.size() + " finding(s)"));
                for (String[] f : findings) {
                    out.println("  " + f[2] + " " + f[1] + (f[3] != null ? " (" + f[3] + ")" : "") + ": " + f[4]);
                }
            }
            return OK;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return USAGE;
        } finally {
            camel.stop();
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    err.println("note: could not remove " + output + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The US broker's data set for one shipment, from all its documents (assay, packing list, bill of lading,
     * declaration) given as files in any supported format.
     */
    private int usBroker(List<String> args) {
        Path agreementsDir = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--agreements") && i + 1 < args.size()) {
                agreementsDir = Path.of(args.get(++i));
            } else if (args.get(i).startsWith("--")) {
                err.println("unknown option: " + args.get(i));
                return USAGE;
            } else {
                files.add(Path.of(args.get(i)));
            }
        }
        AgreementCatalog catalog = loadAgreements(agreementsDir);
        if (catalog == null) {
            return USAGE;
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            DocumentPipeline pipeline = DocumentPipeline.create(camel, catalog, Clock.systemUTC());
            List<CanonicalDocument> shipment = new ArrayList<>();
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                String sha = Hashing.sha256Hex(content);
                shipment.addAll(pipeline.toCanonical(content, file.getFileName().toString(), sha, idFor(sha)));
            }
            out.print(UsBrokerDataSet.renderJsonText(shipment));
            out.flush();
            return OK;
        } catch (NoSuchFileException e) {
            err.println(e.getFile() + ": no such file");
            return USAGE;
        } catch (IOException e) {
            err.println("cannot read: " + e.getMessage());
            return USAGE;
        } catch (RejectedException e) {
            err.println("invalid: " + e.problem().describe());
            return INVALID;
        } catch (IllegalArgumentException e) {
            err.println("cannot build the data set: " + e.getMessage());
            return INVALID;
        } finally {
            camel.stop();
        }
    }

    /**
     * Asks the running gateway to process a document again (its API, because replay needs the gateway's queues and
     * tracking store): exit 0 queued, 1 nothing to do or unknown document, 2 usage or the gateway unreachable.
     */
    private int replay(List<String> args) {
        String documentId = null;
        boolean force = false;
        String gateway = "http://localhost:8080";
        String token = System.getenv("CORRIDOR_API_OPERATOR_TOKEN");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--force" -> force = true;
                case "--gateway" -> gateway = i + 1 < args.size() ? args.get(++i) : null;
                case "--token" -> token = i + 1 < args.size() ? args.get(++i) : null;
                default -> documentId = args.get(i).startsWith("--") ? null : args.get(i);
            }
        }
        if (documentId == null || gateway == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + "/api/documents/"
                        + URLEncoder.encode(documentId, StandardCharsets.UTF_8) + "/replay?force=" + force))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            (response.statusCode() == 202 ? out : err).println(response.body());
            return response.statusCode() == 202 ? OK : INVALID;
        } catch (IOException e) {
            err.println("cannot reach the gateway at " + gateway + ": " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return USAGE;
        }
    }

    /** The id the command line gives a document: stable for the same bytes, so its output can be compared. */
    public static String idFor(String sha256) {
        return "D-" + sha256.substring(0, 16);
    }

    /** The agreements to enrich with, or null (the reason printed) when a file is refused. */
    private AgreementCatalog loadAgreements(Path dir) {
        Path folder = dir;
        if (folder == null) {
            String env = System.getenv("CORRIDOR_AGREEMENTS");
            folder = env != null && !env.isBlank() ? Path.of(env) : Path.of("sample-docs", "agreements");
        }
        List<Agreement> agreements;
        try {
            agreements = AgreementFiles.readAll(folder);
        } catch (InvalidAgreementException e) {
            err.println("agreement refused: " + e.getMessage());
            return null;
        }
        if (agreements.isEmpty()) {
            err.println("note: no agreements found in " + folder + "; documents cannot be matched to an agreement"
                    + " (use --agreements DIR)");
        }
        return AgreementCatalog.of(agreements);
    }

    private static String validationJson(String fileName, List<Problem> found, int documents,
                                         List<String[]> findings) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("file", fileName);
        root.put("valid", found.isEmpty());
        root.put("documents", documents);
        // the agreement rules' warnings on a valid file; absent when there are none (a refused file has problems)
        ArrayNode notes = findings.isEmpty() ? null : root.putArray("findings");
        for (String[] f : findings) {
            ObjectNode n = notes.addObject();
            n.put("documentId", f[0]);
            n.put("code", f[1]);
            n.put("severity", f[2]);
            if (f[3] != null) {
                n.put("field", f[3]);
            }
            n.put("text", f[4]);
        }
        ArrayNode problems = root.putArray("problems");
        for (Problem problem : found) {
            ObjectNode p = problems.addObject();
            Location l = problem.location();
            p.put("code", problem.code().name());
            p.put("meaning", problem.code().meaning());
            if (l.line() != null) {
                p.put("line", l.line());
            }
            if (l.column() != null) {
                p.put("column", l.column());
            }
            if (l.field() != null) {
                p.put("field", l.field());
            }
            if (l.segment() != null) {
                p.put("segment", l.segment());
            }
            if (l.position() != null) {
                p.put("position", l.position());
            }
            p.put("message", problem.message());
        }
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
