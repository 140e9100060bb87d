package org.corridor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.agreement.AgreementFiles;
import org.corridor.agreement.InvalidAgreementException;
import org.corridor.agreement.PricingTerms;
import org.corridor.base.FileWrites;
import org.corridor.base.Hashing;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.formats.FormatCatalog;
import org.corridor.platform.BundledDefaults;
import org.corridor.platform.StandaloneBroker;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.corridor.process.DocumentPipeline;
import org.corridor.render.Renderer;
import org.corridor.render.edi.EdiRenderer;
import org.corridor.report.ReportFormats;
import org.corridor.report.ReportPdf;
import org.corridor.report.TransparencyReport;
import org.corridor.settlement.FinalAssay;
import org.corridor.settlement.SettlementCalculator;
import org.corridor.settlement.SettlementException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * The jar as a command-line tool: {@code convert} and {@code validate} run the gateway's own pipeline on one file
 * without starting routes, the broker or the database; {@code us-broker} builds a shipment's data set; {@code replay}
 * asks a running gateway to process a document again. Exit 0 done, 1 the document is invalid, 2 bad usage (usage
 * shown, unknown command or option, missing value or file, gateway unreachable).
 *
 * <p>Standard output carries only the result (JSON, EDI, a report), so that it can be piped; everything else goes to
 * standard error.
 */
public final class CorridorCli {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    /** How the usage names the program. */
    static final String NAME = "java -jar corridor.jar";

    private static final String AGREEMENTS_HELP = "Agreements are read from --agreements DIR, else from"
            + " $CORRIDOR_AGREEMENTS, else from ./sample-docs/agreements when it exists, else the sample agreements"
            + " the jar carries.";

    /**
     * {@code convert --to} name → the format it writes (the renderers are the format catalog's). The US broker's data
     * set is written from a whole shipment: {@code us-broker}, not {@code convert}.
     */
    static final Map<String, OutputFormat> TO_NAMES = Map.of(
            "canonical",
            OutputFormat.CANONICAL_JSON,
            "worksheet-json",
            OutputFormat.PSW_WORKSHEET_JSON,
            "worksheet-csv",
            OutputFormat.PSW_WORKSHEET_CSV,
            "edifact",
            OutputFormat.EDIFACT,
            "x12",
            OutputFormat.X12);

    private final java.io.InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final PrintWriter errWriter;
    private final PrintWriter outWriter;
    /** Loaded once per command line run; the format catalog and the agreement files take this one instance. */
    private final ReferenceData reference;

    public CorridorCli(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    /** A command line reading what it asks for (a password to hash) from {@code in}. */
    public CorridorCli(java.io.InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.errWriter = new PrintWriter(err, true);
        this.outWriter = new PrintWriter(out, true);
        this.reference = ReferenceData.load();
    }

    /**
     * Whether the arguments are for the command line: anything but none at all or only settings written
     * {@code --name=value} ({@code --corridor.home=/srv/x}, {@code --server.port=9090}), which start the gateway.
     * {@code --help}, {@code -h}, {@code --version} and everything unknown are the command line's, which explains them
     * and exits instead of starting a gateway.
     */
    public static boolean isCommand(String[] args) {
        return !Arrays.stream(args).allMatch(a -> a.matches("--[A-Za-z][A-Za-z0-9._\\[\\]-]*=.*"));
    }

    /**
     * Without Spring, logback would print INFO to standard output and mix with the JSON a script reads: send only
     * warnings, to standard error. StAEDI logs through java.util.logging, which would print to standard error on its
     * own: bridged to the same place, with the levels the gateway's application.yaml sets.
     */
    public static void quietLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        // Not context.reset(): between a reset and the new appender, anything that logs (a gateway still running in
        // the same JVM, as in the tests) makes logback print "No appenders present" on standard error. The new
        // appender goes on first; then the levels and appenders of whatever configured logback before are undone.
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
        root.addAppender(appender);
        root.setLevel(Level.WARN);
        for (Logger logger : context.getLoggerList()) {
            List<Appender<ILoggingEvent>> earlier = new ArrayList<>();
            logger.iteratorForAppenders().forEachRemaining(earlier::add);
            for (Appender<ILoggingEvent> a : earlier) {
                if (a != appender) {
                    logger.detachAppender(a);
                    a.stop();
                }
            }
            if (logger != root) {
                logger.setLevel(null);
                logger.setAdditive(true);
            }
        }
        // StAEDI's writer warns on every interchange that its envelope is not checked against StAEDI's code lists:
        // deliberate (see logging.level in application.yaml)
        context.getLogger("io.xlate.edi.internal.stream.StaEDIStreamWriter").setLevel(Level.ERROR);
        // the report's PDF: missing Symbol/ZapfDingbats fonts it does not use, browser-only CSS it ignores
        context.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").setLevel(Level.ERROR);
        context.getLogger("com.openhtmltopdf.css-parse").setLevel(Level.ERROR);
    }

    /** Runs one command; returns the exit status. */
    public int run(String... args) {
        CommandLine root = commandLine();
        ParseResult parsed;
        try {
            parsed = root.parseArgs(args);
        } catch (ParameterException e) {
            return misuse(e);
        }
        ParseResult leaf = parsed;
        while (true) {
            if (leaf.isUsageHelpRequested()) {
                // asked for: the usage is the output, and nothing went wrong
                leaf.commandSpec().commandLine().usage(outWriter);
                return OK;
            }
            if (!leaf.hasSubcommand()) {
                break;
            }
            leaf = leaf.subcommand();
        }
        if (parsed.isVersionHelpRequested()) {
            out.println("corridor " + version());
            out.flush();
            return OK;
        }
        if (leaf == parsed) {
            root.usage(errWriter);
            return USAGE;
        }
        try {
            return ((Callable<Integer>) leaf.commandSpec().userObject()).call();
        } catch (ParameterException e) {
            return misuse(e);
        } catch (RuntimeException e) {
            // every expected fault is answered inside the command: this is a bug, with its stack trace
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CommandLine commandLine() {
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand("convert", new Convert());
        root.addSubcommand("validate", new Validate());
        root.addSubcommand("us-broker", new UsBroker());
        root.addSubcommand("replay", new Replay());
        root.addSubcommand("audit", new CommandLine(new Audit()).addSubcommand("verify", new AuditVerify()));
        root.addSubcommand("report", new Report());
        root.addSubcommand("settle", new Settle());
        root.addSubcommand("users", new CommandLine(new Users()).addSubcommand("hash", new UsersHash()));
        root.addSubcommand("broker", new Broker());
        root.addSubcommand("help", new Help());
        // these apply to the subcommands added above
        root.setExpandAtFiles(false);
        root.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        root.setUsageHelpWidth(100);
        root.setOut(outWriter);
        root.setErr(errWriter);
        return root;
    }

    /** Says what was wrong with the arguments, then how the command is used. */
    private int misuse(ParameterException e) {
        CommandLine command = e.getCommandLine();
        boolean isRoot = command.getParent() == null;
        err.println((isRoot ? "" : command.getCommandName() + ": ") + describe(e, isRoot));
        CommandLine.Help help = command.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("(" + (isRoot ? NAME : NAME + " " + command.getCommandName()) + " --help: the whole usage)");
        err.flush();
        return USAGE;
    }

    private static String describe(ParameterException e, boolean isRoot) {
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                return "unknown option: " + arg
                        + (isRoot && arg.startsWith("--") && !arg.contains("=")
                                ? " (settings for the gateway are written --name=value, e.g. --server.port=9090)"
                                : "");
            }
            if (isRoot) {
                // picocli suggests loosely ("bogus": us-broker); a slip of the keyboard keeps the first letter
                List<String> suggestions = u.getSuggestions().stream()
                        .filter(c -> c.charAt(0) == arg.charAt(0))
                        .toList();
                return "unknown command: " + arg
                        + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)");
            }
            return "unexpected argument: " + arg;
        }
        if (e instanceof CommandLine.MissingParameterException m
                && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec option) {
                return option.longestName() + " needs a value (" + option.paramLabel() + ")";
            }
            if (missing instanceof PositionalParamSpec positional) {
                return positional.paramLabel() + " is missing";
            }
        }
        return e.getMessage();
    }

    private static String version() {
        String version = CorridorCli.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    // --- the commands ---

    @Command(
            name = NAME,
            synopsisHeading = "usage: ",
            customSynopsis = {
                NAME + " [--name=value...]       start the gateway (settings such as --corridor.home=/srv/x)",
                "       " + NAME + " convert FILE [--to FORMAT] [--partner ID] [--agreements DIR]",
                "       " + NAME + " validate FILE [--json] [--agreements DIR]",
                "       " + NAME + " us-broker FILE... [--agreements DIR]",
                "       " + NAME + " replay DOCUMENT_ID [--force] [--gateway URL] [--token T]",
                "       " + NAME + " audit verify [--gateway URL] [--token T]",
                "       " + NAME + " report AGREEMENT --month YYYY-MM --out DIR [--gateway URL]",
                "       " + NAME + " settle --agreement REF --commodity CODE --wmt T --moisture PCT",
                "             (--assay A=V... | --seller-assay A=V... --buyer-assay A=V... [--umpire-assay A=V...])",
                "             --price P [--agreements DIR]",
                "       " + NAME
                        + " users hash              bcrypt hash of a console password read from standard input",
                "       " + NAME + " COMMAND --help          how COMMAND is used"
            },
            commandListHeading = "%nCommands:%n",
            footer = {"", AGREEMENTS_HELP, "Exit status: 0 done, 1 the document is invalid, 2 bad usage."},
            mixinStandardHelpOptions = true)
    static final class Root {}

    @Command(
            name = "convert",
            synopsisHeading = "usage: ",
            description = "Converts a document (any format the gateway reads) to canonical JSON or to a format the"
                    + " gateway writes, printed on standard output when the whole file is accepted.",
            footer = {
                "",
                AGREEMENTS_HELP,
                "Exit status: 0 done, 1 the document is invalid (the reason on standard" + " error), 2 bad usage."
            })
    final class Convert implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the document")
        Path file;

        @Option(
                names = "--to",
                paramLabel = "FORMAT",
                defaultValue = "canonical",
                description = "canonical (default), worksheet-json, worksheet-csv (a declaration), edifact"
                        + " (QALITY, CUSDEC, IFTMIN, INVOIC) or x12 (863, 810, 856)")
        String to;

        @Option(
                names = "--partner",
                paramLabel = "ID",
                description = "with --to edifact or x12: the partner the"
                        + " interchange is addressed to (default: the first partner the document's agreement names for its"
                        + " kind, else the receiver the document names)")
        String partner;

        @Option(names = "--agreements", paramLabel = "DIR", description = "folder of agreement YAML files")
        Path agreements;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            OutputFormat format = TO_NAMES.get(to);
            if (format == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--to " + to + ": this build writes "
                                + String.join(
                                        ", ",
                                        TO_NAMES.keySet().stream().sorted().toList())
                                + " (edifact and x12: QALITY, CUSDEC, IFTMIN, INVOIC; 863, 810, 856)");
            }
            if (partner != null && (partner.isBlank() || !format.isEdi())) {
                throw new ParameterException(
                        spec.commandLine(), "--partner takes a partner id and applies to --to" + " edifact or x12");
            }
            return document("convert", file, to, partner, false, agreements);
        }
    }

    @Command(
            name = "validate",
            synopsisHeading = "usage: ",
            description = "Checks a document as the gateway would (syntax and agreement rules) and reports the"
                    + " problems, or the findings a valid document carries.",
            footer = {"", AGREEMENTS_HELP, "Exit status: 0 valid, 1 invalid, 2 bad usage."})
    final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the document")
        Path file;

        @Option(names = "--json", description = "the report as JSON on standard output")
        boolean json;

        @Option(names = "--agreements", paramLabel = "DIR", description = "folder of agreement YAML files")
        Path agreements;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;

        @Override
        public Integer call() {
            return document("validate", file, "canonical", null, json, agreements);
        }
    }

    @Command(
            name = "us-broker",
            synopsisHeading = "usage: ",
            description = "The US customs broker's data set (ISF 10+2 and entry lines) for one shipment, from all its"
                    + " documents (assay, packing list, bill of lading, declaration) in any format the gateway reads.",
            footer = {"", AGREEMENTS_HELP, "Exit status: 0 done, 1 a document is invalid, 2 bad usage."})
    final class UsBroker implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "the shipment's documents")
        List<Path> files;

        @Option(names = "--agreements", paramLabel = "DIR", description = "folder of agreement YAML files")
        Path agreements;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;

        @Override
        public Integer call() {
            return usBroker(files, agreements);
        }
    }

    @Command(
            name = "settle",
            synopsisHeading = "usage: ",
            description = "Computes a lot's settlement under an agreement's pricing terms, as the gateway does: dry"
                    + " weight, payable metal, value, TC, RC, penalties, net and the provisional amount, each step"
                    + " in words (docs/settlement.md). Prints one JSON object.",
            footer = {
                "",
                AGREEMENTS_HELP,
                "Exit status: 0 done, 1 it cannot be computed (unknown agreement or commodity, no pricing terms,"
                        + " a value missing, an umpire result needed), 2 bad usage."
            })
    final class Settle implements Callable<Integer> {
        @Option(names = "--agreement", required = true, paramLabel = "REF", description = "e.g. PK-US-CM-2025")
        String agreement;

        @Option(names = "--commodity", required = true, paramLabel = "CODE", description = "e.g. CU_CONC")
        String commodity;

        @Option(names = "--wmt", required = true, paramLabel = "T", description = "wet weight in metric tonnes")
        BigDecimal wmt;

        @Option(
                names = "--moisture",
                required = true,
                paramLabel = "PCT",
                description = "moisture (H2O) in per cent; 0 for a product without moisture")
        BigDecimal moisture;

        @Option(
                names = "--price",
                required = true,
                paramLabel = "P",
                description = "the price in the unit of the agreement's price series (e.g. USD per t)")
        BigDecimal price;

        @Option(names = "--assay", paramLabel = "A=V", description = "the final (or provisional) assay, per analyte")
        List<String> assay = new ArrayList<>();

        @Option(names = "--seller-assay", paramLabel = "A=V", description = "the seller's exchange result")
        List<String> seller = new ArrayList<>();

        @Option(names = "--buyer-assay", paramLabel = "A=V", description = "the buyer's exchange result")
        List<String> buyer = new ArrayList<>();

        @Option(
                names = "--umpire-assay",
                paramLabel = "A=V",
                description = "the umpire's result, where the exchange results differ by more than the limit")
        List<String> umpire = new ArrayList<>();

        @Option(names = "--agreements", paramLabel = "DIR", description = "folder of agreement YAML files")
        Path agreements;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            boolean exchange = !seller.isEmpty() || !buyer.isEmpty();
            if (exchange == !assay.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "give either --assay A=V... (the final assay) or --seller-assay and --buyer-assay"
                                + " (the exchange), not " + (exchange ? "both" : "neither"));
            }
            if (exchange && (seller.isEmpty() || buyer.isEmpty())) {
                throw new ParameterException(
                        spec.commandLine(),
                        (seller.isEmpty() ? "--seller-assay" : "--buyer-assay")
                                + " is missing: an exchange needs both results");
            }
            if (!exchange && !umpire.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "--umpire-assay applies to an exchange (--seller-assay, --buyer-assay)");
            }
            return settle(this);
        }

        Map<String, BigDecimal> values(String option, List<String> pairs) {
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String analyte = eq < 0 ? "" : pair.substring(0, eq).strip();
                String number = eq < 0 ? "" : pair.substring(eq + 1).strip();
                BigDecimal value;
                try {
                    value = new BigDecimal(number);
                } catch (NumberFormatException e) {
                    value = null;
                }
                if (analyte.isEmpty() || value == null) {
                    throw new ParameterException(
                            spec.commandLine(),
                            option + " " + pair + ": expected ANALYTE=VALUE with a number, such as Cu=24.00");
                }
                if (!reference.isAnalyte(analyte)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            option + " " + pair + ": " + analyte
                                    + " is not an analyte Corridor knows (reference/analytes.csv)");
                }
                if (values.put(analyte, value) != null) {
                    throw new ParameterException(spec.commandLine(), option + " gives " + analyte + " twice");
                }
            }
            return values;
        }
    }

    @Command(
            name = "replay",
            synopsisHeading = "usage: ",
            description = "Asks the running gateway to process a document again from its archived original;"
                    + " partners that already have it get nothing twice unless --force.",
            footer = {
                "",
                "Exit status: 0 queued, 1 refused (unknown document, nothing to do, no valid token),"
                        + " 2 bad usage or the gateway unreachable."
            })
    final class Replay implements Callable<Integer> {
        @Parameters(paramLabel = "DOCUMENT_ID", description = "the document, e.g. D-20261128-966970929996")
        String documentId;

        @Option(names = "--force", description = "send again to partners that already have it")
        boolean force;

        @Mixin
        GatewayOptions gateway;

        @Option(
                names = "--token",
                paramLabel = "T",
                description = "the operators' token (default:" + " $CORRIDOR_API_OPERATOR_TOKEN)")
        String token;

        @Override
        public Integer call() {
            return replay(
                    documentId,
                    force,
                    gateway.url,
                    token != null ? token : System.getenv("CORRIDOR_API_OPERATOR_TOKEN"));
        }
    }

    @Command(
            name = "broker",
            synopsisHeading = "usage: ",
            description = "Runs an Artemis broker with Corridor's settings for the nodes of a cluster to share"
                    + " (docs/DEPLOY.md), until stopped (Ctrl-C, SIGTERM). The nodes' login comes from the environment:"
                    + " CORRIDOR_BROKER_USER and CORRIDOR_BROKER_PASSWORD; nobody else may connect.",
            footer = {"", "Exit status: 0 stopped, 1 the broker did not start, 2 bad usage (no login set)."})
    final class Broker implements Callable<Integer> {
        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "where the journal is kept (default: ./var/broker-standalone)")
        Path data = Path.of("var", "broker-standalone");

        @Option(
                names = "--host",
                paramLabel = "H",
                description = "the address to listen on (default: 127.0.0.1; 0.0.0.0 only behind a firewall)")
        String host = "127.0.0.1";

        @Option(names = "--port", paramLabel = "P", description = "the port (default: 61616)")
        int port = 61616;

        @Override
        public Integer call() throws InterruptedException {
            StandaloneBroker broker;
            try {
                broker = StandaloneBroker.start(
                        data,
                        host,
                        port,
                        System.getenv("CORRIDOR_BROKER_USER"),
                        System.getenv("CORRIDOR_BROKER_PASSWORD"));
            } catch (IllegalArgumentException e) {
                err.println("broker: " + e.getMessage());
                return USAGE;
            } catch (Exception e) {
                err.println("broker: did not start: " + e);
                return INVALID;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } catch (Exception e) {
                    err.println("broker: stopping: " + e);
                }
                stopped.countDown();
            }));
            out.println("Corridor broker listening on tcp://" + host + ":" + port + ", journal in "
                    + data.toAbsolutePath() + "; stop it with Ctrl-C or SIGTERM");
            out.flush();
            stopped.await();
            return OK;
        }
    }

    @Command(
            name = "users",
            synopsisHeading = "usage: ",
            description = "The console's staff users.",
            subcommands = {},
            mixinStandardHelpOptions = false)
    final class Users implements Callable<Integer> {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;

        @Override
        public Integer call() {
            err.println("users: say what to do: users hash (" + NAME + " users hash --help: the whole usage)");
            err.flush();
            return USAGE;
        }
    }

    @Command(
            name = "hash",
            synopsisHeading = "usage: ",
            description = "Prints the bcrypt hash of a password read from standard input (one line; never an"
                    + " argument, so it stays out of the shell history), for corridor.users.NAME.password-hash.",
            footer = {
                "",
                "Example: printf '%s' \"$PASSWORD\" | " + NAME + " users hash",
                "Exit status: 0 printed, 2 no password or one shorter than 8 characters."
            })
    final class UsersHash implements Callable<Integer> {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;

        @Override
        public Integer call() throws java.io.IOException {
            java.io.BufferedReader reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            String password = reader.readLine();
            if (password == null || password.length() < 8) {
                err.println("users hash: give the password on standard input, at least 8 characters (got "
                        + (password == null ? "nothing" : password.length() + "") + ")");
                err.flush();
                return USAGE;
            }
            out.println(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(password));
            out.flush();
            return OK;
        }
    }

    @Command(
            name = "audit",
            synopsisHeading = "usage: ",
            description = "The gateway's audit log.",
            commandListHeading = "%nCommands:%n")
    final class Audit implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            err.println("audit: which? (audit verify)");
            spec.commandLine().usage(errWriter);
            return USAGE;
        }
    }

    @Command(
            name = "verify",
            synopsisHeading = "usage: ",
            description = "Asks the running gateway to walk its audit log and names the first entry that was edited,"
                    + " deleted, inserted or reordered since it was written (docs/audit.md).",
            footer = {
                "",
                "Exit status: 0 the log is intact, 1 it is not (the entry on standard output) or no valid"
                        + " token, 2 bad usage or the gateway unreachable."
            })
    final class AuditVerify implements Callable<Integer> {
        @Mixin
        GatewayOptions gateway;

        @Option(
                names = "--token",
                paramLabel = "T",
                description = "the admins' token (default:" + " $CORRIDOR_API_ADMIN_TOKEN)")
        String token;

        @Override
        public Integer call() {
            return auditVerify(gateway.url, token != null ? token : System.getenv("CORRIDOR_API_ADMIN_TOKEN"));
        }
    }

    @Command(
            name = "report",
            synopsisHeading = "usage: ",
            description = "Writes an agreement's public transparency report of one month, as the running gateway"
                    + " serves it, into a folder for publication: its JSON, and the HTML page, CSV and PDF made"
                    + " from that JSON, so that all four show the same figures, as-of time and audit head.",
            footer = {
                "",
                "Exit status: 0 written, 1 the gateway refused (unknown agreement), 2 bad usage or the"
                        + " gateway unreachable."
            })
    final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "AGREEMENT", description = "the agreement, e.g. PK-US-CM-2025")
        String agreement;

        @Option(names = "--month", paramLabel = "YYYY-MM", required = true, description = "the month, e.g. 2025-10")
        String month;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write to")
        Path out;

        @Mixin
        GatewayOptions gateway;

        @Override
        public Integer call() {
            return report(agreement, month, out, gateway.url);
        }
    }

    /** The options of every command that asks the running gateway: where it is, and the usage. */
    static final class GatewayOptions {
        @Option(
                names = "--gateway",
                paramLabel = "URL",
                defaultValue = "http://localhost:8080",
                description = "the gateway (default: ${DEFAULT-VALUE})")
        String url;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "shows this usage")
        boolean help;
    }

    @Command(name = "help", synopsisHeading = "usage: ", description = "Shows how a command is used.")
    final class Help implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "the command")
        String command;

        @Override
        public Integer call() {
            CommandLine root = spec.commandLine().getParent();
            CommandLine subject = command == null ? null : root.getSubcommands().get(command);
            if (command != null && subject == null) {
                err.println("help: unknown command: " + command);
                root.usage(errWriter);
                return USAGE;
            }
            (subject == null ? root : subject).usage(outWriter);
            return OK;
        }
    }

    // --- what the commands do ---

    /** {@code convert} (to {@code to}) or {@code validate} (a report, in words or {@code json}) of one file. */
    private int document(String command, Path file, String to, String partner, boolean json, Path agreementsDir) {
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
            FormatCatalog formats = FormatCatalog.standard(camel, reference);
            DocumentPipeline pipeline = DocumentPipeline.create(formats, catalog, Clock.systemUTC());
            String fileName = file.getFileName().toString();
            // Documents are written to a temporary file as they are read (an EDI interchange of any size streams
            // through in the memory one message needs) and printed only when the whole file was accepted.
            output = Files.createTempFile("corridor-convert-", ".out");
            int[] documents = {0};
            // what the agreement rules say about valid documents (warnings): validate shows them, as partners get them
            List<String[]> findings = new ArrayList<>();
            try (OutputStream buffered = new BufferedOutputStream(Files.newOutputStream(output))) {
                boolean canonical = command.equals("convert") && to.equals("canonical");
                Renderer chosen = command.equals("convert") && !canonical ? formats.renderer(TO_NAMES.get(to)) : null;
                // EDI is addressed as the gateway would: to the EDI id of the partner it is for
                Renderer renderer = chosen instanceof EdiRenderer edi ? edi.addressedWith(catalog, partner) : chosen;
                CanonicalJson.ArrayWriter array = canonical ? new CanonicalJson.ArrayWriter(buffered) : null;
                try {
                    pipeline.toCanonical(file, fileName, sha, idFor(sha), document -> {
                        documents[0]++;
                        document.findingList()
                                .forEach(f -> findings.add(new String[] {
                                    document.documentId(),
                                    f.code(),
                                    f.severity().name(),
                                    f.field(),
                                    f.text()
                                }));
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
    private int usBroker(List<Path> files, Path agreementsDir) {
        AgreementCatalog catalog = loadAgreements(agreementsDir);
        if (catalog == null) {
            return USAGE;
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            FormatCatalog formats = FormatCatalog.standard(camel, reference);
            DocumentPipeline pipeline = DocumentPipeline.create(formats, catalog, Clock.systemUTC());
            List<CanonicalDocument> shipment = new ArrayList<>();
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                String sha = Hashing.sha256Hex(content);
                shipment.addAll(pipeline.toCanonical(content, file.getFileName().toString(), sha, idFor(sha)));
            }
            // the shipment as the gateway's dossier holds it, written by the same renderer a partner's is
            CanonicalDocument dossier = CanonicalDocument.of(
                    "SHIPMENT", null, new ShipmentDossier(null, null, null, null, shipment, List.of()));
            out.writeBytes(formats.renderer(OutputFormat.US_BROKER_DATA_SET).render(dossier));
            out.flush();
            return OK;
        } catch (NoSuchFileException e) {
            err.println(e.getFile() + ": no such file");
            return USAGE;
        } catch (IOException e) {
            err.println("us-broker: cannot read: " + e.getMessage());
            return USAGE;
        } catch (RejectedException e) {
            err.println("us-broker: invalid: " + e.problem().describe());
            return INVALID;
        } catch (IllegalArgumentException e) {
            err.println("us-broker: cannot build the data set: " + e.getMessage());
            return INVALID;
        } finally {
            camel.stop();
        }
    }

    /**
     * Asks the running gateway to process a document again (its API, because replay needs the gateway's queues and
     * tracking store): exit 0 queued, 1 refused or unknown document, 2 the gateway unreachable.
     */
    private int replay(String documentId, boolean force, String gateway, String token) {
        HttpResponse<String> response = askGateway(
                "replay",
                gateway,
                "/api/documents/" + URLEncoder.encode(documentId, StandardCharsets.UTF_8) + "/replay?force=" + force,
                HttpRequest.BodyPublishers.noBody(),
                token,
                Duration.ofMinutes(1));
        if (response == null) {
            return USAGE;
        }
        if (response.statusCode() == 202) {
            out.println(response.body());
            return OK;
        }
        err.println("replay: the gateway answered " + response.statusCode()
                + (response.body().isBlank() ? "" : ": " + response.body()));
        return INVALID;
    }

    /**
     * The month's report as one consistent set: the JSON is asked for once and the HTML, CSV and PDF are made from it
     * here, so all four carry the same as-of time and audit head (three requests could each see a newer log). Each file
     * is written under a temporary name and renamed, so a reader of the folder never sees half a file.
     */
    private int report(String agreement, String month, Path folder, String gateway) {
        if (!month.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            err.println("report: --month " + month + " is not a month written YYYY-MM, such as 2025-10");
            return USAGE;
        }
        if (!agreement.matches("[A-Za-z0-9_-]+")) {
            err.println("report: " + agreement + " is not an agreement id such as PK-US-CM-2025");
            return USAGE;
        }
        String path = "/transparency/" + agreement + ".json?month=" + month;
        HttpResponse<String> response = askGateway("report", gateway, path, null, null, Duration.ofMinutes(2));
        if (response == null) {
            return USAGE;
        }
        if (response.statusCode() != 200) {
            err.println("report: the gateway answered " + response.statusCode() + " for " + path
                    + (response.body().isBlank() ? "" : ": " + response.body().strip()));
            return INVALID;
        }
        TransparencyReport report;
        try {
            report = CanonicalJson.mapper().readValue(response.body(), TransparencyReport.class);
        } catch (JsonProcessingException e) {
            err.println("report: the gateway's answer to " + path + " is not a transparency report in JSON: "
                    + e.getOriginalMessage());
            return USAGE;
        }
        // the page links the files beside it in DIR
        String html = ReportFormats.html(report, ext -> agreement + "-" + month + "." + ext);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("json", response.body().getBytes(StandardCharsets.UTF_8));
        files.put("csv", ReportFormats.csv(report).getBytes(StandardCharsets.UTF_8));
        files.put("html", html.getBytes(StandardCharsets.UTF_8));
        files.put("pdf", ReportPdf.pdf(html));
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path file = folder.resolve(agreement + "-" + month + "." + f.getKey());
                Path partial = FileWrites.temporaryIn(folder);
                try {
                    Files.write(partial, f.getValue());
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
                out.println(file);
            }
            return OK;
        } catch (IOException e) {
            err.println("report: cannot write to " + folder + ": " + reason(e));
            return USAGE;
        }
    }

    private int auditVerify(String gateway, String token) {
        // walking a long log takes a while: a generous timeout
        HttpResponse<String> response =
                askGateway("audit verify", gateway, "/api/audit/verify", null, token, Duration.ofMinutes(10));
        if (response == null) {
            return USAGE;
        }
        if (response.statusCode() != 200) {
            err.println("audit verify: the gateway answered " + response.statusCode()
                    + (response.body().isBlank() ? "" : ": " + response.body()));
            return INVALID;
        }
        JsonNode v;
        try {
            v = CanonicalJson.mapper().readTree(response.body());
        } catch (IOException e) {
            err.println("audit verify: the gateway's answer is not JSON: " + reason(e));
            return USAGE;
        }
        if (v.path("intact").asBoolean(false)) {
            out.println("audit log intact: " + v.path("entriesChecked").asLong() + " entries, head #"
                    + v.path("head").path("sequence").asLong() + " "
                    + v.path("head").path("hash").asText()
                    + ", " + v.path("publishedHeadsChecked").asInt() + " published daily heads match");
            return OK;
        }
        JsonNode b = v.path("firstBreak");
        out.println("audit log NOT intact: entry #" + b.path("sequence").asLong() + " "
                + b.path("kind").asText().toLowerCase(Locale.ROOT) + " (AUDIT_"
                + b.path("kind").asText()
                + "): " + b.path("message").asText());
        return INVALID;
    }

    /**
     * One request to the running gateway, for the commands that ask it (replay, audit verify, report): a POST of
     * {@code body}, or a GET when it is null, with the bearer {@code token} when one is given. Returns the answer,
     * or null when there is none (a bad --gateway URL, the gateway unreachable, interrupted), the reason already said
     * on standard error after the command's name.
     */
    private HttpResponse<String> askGateway(
            String command,
            String gateway,
            String path,
            HttpRequest.BodyPublisher body,
            String token,
            Duration timeout) {
        URI uri;
        try {
            uri = URI.create(gateway.replaceAll("/+$", "") + path);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            err.println(command + ": --gateway " + gateway + " is not a URL such as http://localhost:8080");
            return null;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        request = body == null ? request.GET() : request.POST(body);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println(command + ": cannot reach the gateway at " + gateway + ": " + reason(e));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(command + ": interrupted");
            return null;
        }
    }

    /** Why a connection failed, in words: the JDK's HTTP client often gives no message of its own. */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no answer to the connection within 10 s";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within a minute";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@code settle}: the settlement of one lot under its agreement's pricing terms, as one JSON object. */
    private int settle(Settle s) {
        Map<String, BigDecimal> assay = s.values("--assay", s.assay);
        Map<String, BigDecimal> seller = s.values("--seller-assay", s.seller);
        Map<String, BigDecimal> buyer = s.values("--buyer-assay", s.buyer);
        Map<String, BigDecimal> umpire = s.values("--umpire-assay", s.umpire);
        AgreementCatalog catalog = loadAgreements(s.agreements);
        if (catalog == null) {
            return USAGE;
        }
        Agreement agreement = catalog.find(s.agreement).orElse(null);
        if (agreement == null) {
            err.println("settle: agreement " + s.agreement + " is not among the agreements read ("
                    + String.join(
                            ", ", catalog.all().stream().map(Agreement::id).toList()) + ")");
            return INVALID;
        }
        Agreement.Commodity commodity = agreement.commodity(s.commodity).orElse(null);
        if (commodity == null) {
            err.println("settle: agreement " + agreement.id() + " has no commodity " + s.commodity + " (it has "
                    + String.join(
                            ", ",
                            agreement.commodities().stream()
                                    .map(Agreement.Commodity::code)
                                    .toList())
                    + ")");
            return INVALID;
        }
        PricingTerms terms = commodity.pricing();
        if (terms == null) {
            err.println("settle: commodity " + commodity.code() + " of agreement " + agreement.id()
                    + " has no pricing terms (a \"pricing:\" section, docs/agreements.md)");
            return INVALID;
        }
        FinalAssay.Determination exchange = null;
        if (assay.isEmpty()) {
            exchange = FinalAssay.determine(terms, seller, buyer, umpire);
            if (!exchange.complete()) {
                List<String> needed = new ArrayList<>();
                for (String analyte : exchange.umpireNeeded()) {
                    needed.add(analyte + " (seller " + seller.get(analyte).toPlainString() + ", buyer "
                            + buyer.get(analyte).toPlainString() + ", splitting limit "
                            + terms.splittingLimit(analyte).toPlainString() + ")");
                }
                err.println("settle: the exchange results differ by more than the splitting limit for "
                        + String.join(", ", needed) + ": an umpire decides; give --umpire-assay "
                        + exchange.umpireNeeded().iterator().next() + "=VALUE");
                return INVALID;
            }
            assay = exchange.finalAssay();
        }
        SettlementCalculator.Calculation calculation;
        try {
            calculation = SettlementCalculator.calculate(terms, commodity.code(), s.wmt, s.moisture, assay, s.price);
        } catch (SettlementException e) {
            err.println("settle: " + e.getMessage());
            return INVALID;
        }
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("agreement", agreement.id());
        root.put("agreementVersion", agreement.version());
        root.put("basis", terms.basis());
        root.setAll((ObjectNode) CanonicalJson.mapper().valueToTree(calculation));
        if (exchange != null) {
            // how the final assay came out of the exchange, before the steps of the sum
            root.set("assayExchange", CanonicalJson.mapper().valueToTree(exchange.steps()));
            root.set("steps", root.remove("steps"));
        }
        try {
            out.print(CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return OK;
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
            folder = env != null && !env.isBlank()
                    ? Path.of(env)
                    : BundledDefaults.workingOrBundled("sample-docs").resolve("agreements");
        }
        List<Agreement> agreements;
        try {
            agreements = new AgreementFiles(reference).readAll(folder);
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

    private static String validationJson(String fileName, List<Problem> found, int documents, List<String[]> findings) {
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
