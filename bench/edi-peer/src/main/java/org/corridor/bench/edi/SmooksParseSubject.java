package org.corridor.bench.edi;

import java.io.InputStream;
import java.nio.file.Path;

import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.io.source.StreamSource;

/**
 * Smooks's own floor: the EDIFACT cartridge's parser with the D96A schema pack turning the interchange into SAX
 * events, with only a message counter listening and no output written. Whatever Smooks does on top (XML out,
 * Java binding, Camel) costs more than this.
 */
final class SmooksParseSubject implements Subject {

    static final String CONFIG = "smooks-edifact-d96a-parse.xml";

    private final Smooks smooks;

    SmooksParseSubject() throws Exception {
        smooks = new Smooks(CONFIG);
        // Compiles the D96A schema now (tens of seconds), not inside the first measured run.
        smooks.createExecutionContext();
    }

    @Override
    public String name() {
        return "Smooks 2.2.1 EDIFACT parser, D96A, SAX events only";
    }

    @Override
    public long run(Path file) throws Exception {
        ExecutionContext context = smooks.createExecutionContext();
        try (InputStream in = Inputs.open(file)) {
            smooks.filterSource(context, new StreamSource<>(in));
        }
        return MessageCounter.count(context);
    }
}
