package org.corridor.bench.edi;

import java.io.InputStream;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.smooks.SmooksConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.smooks.api.ExecutionContext;

/**
 * The peer as a Camel user would set it up: a route to {@code smooks:smooks-edifact-d96a.xml} (the EDIFACT
 * cartridge with the D96A schema pack), which turns the interchange into an XML body with Camel's defaults, except
 * that the input is not stream-cached (so the per-run time cap can stop a run). The XML is drained and its size kept, as the next endpoint would read it.
 */
final class CamelSmooksSubject implements Subject, AutoCloseable {

    static final String CONFIG = "smooks-edifact-d96a.xml";

    private final CamelContext camel;
    private final ProducerTemplate producer;
    /** Bytes of XML the last run produced. */
    long lastXmlBytes;

    CamelSmooksSubject() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Input stream caching off on this route only: with it Camel reads the whole file into its cache
                // before Smooks starts, and the benchmark's per-run time cap (enforced on reads) could not stop a
                // run. Copying 50 MB into the cache costs well under a second against Smooks's minutes.
                from("direct:edifact").routeId("edifact-to-xml").streamCache("false").to("smooks:" + CONFIG);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @Override
    public String name() {
        return "camel-smooks 4.17.0 → XML body (Smooks EDIFACT cartridge, D96A)";
    }

    @Override
    public long run(Path file) throws Exception {
        Exchange result;
        try (InputStream in = Inputs.open(file)) {
            result = producer.send("direct:edifact", exchange -> exchange.getMessage().setBody(in));
        }
        if (result.getException() != null) {
            throw result.getException();
        }
        ExecutionContext context = result.getMessage()
                .getHeader(SmooksConstants.SMOOKS_EXECUTION_CONTEXT, ExecutionContext.class);
        try (InputStream xml = result.getMessage().getMandatoryBody(InputStream.class)) {
            lastXmlBytes = xml.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return MessageCounter.count(context);
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
