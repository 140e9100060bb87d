package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.corridor.base.Headers;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/**
 * The real {@code inbound-errors} route configuration and the {@code acknowledge-file} route it calls, with their
 * neighbours stubbed: the JMS queues are mock endpoints, the {@code rejections} bean records what it is asked.
 */
class InboundErrorsRouteTest {

    @Test
    void refusalWhoseHandlingFailsIsDeadLetteredAsFailedInsteadOfRolledBackOntoTheBroker() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("corridor.queues.dead", "corridor.dead");
            properties.setProperty("corridor.queues.deliver", "corridor.deliver");
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.addComponent("jms", new MockComponent());
            RecordingRejections rejections = new RecordingRejections();
            camel.getRegistry().bind("rejections", rejections);
            camel.getRegistry().bind("acknowledgeStage", new OneAcknowledgement());
            camel.getRegistry().bind("renderStage", new BrokenAcknowledgements());
            for (String route : List.of("inbound-errors", "acknowledge-file")) {
                PluginHelper.getRoutesLoader(camel)
                        .loadRoutes(ResourceHelper.resolveMandatoryResource(
                                camel, "file:routes/shared/" + route + ".camel.yaml"));
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:process")
                            .routeConfigurationId("inbound-errors")
                            .throwException(new RejectedException(ErrorCode.EMPTY_FILE, Location.NONE, "empty"));
                }
            });
            camel.start();
            MockEndpoint dead = camel.getEndpoint("jms:queue:corridor.dead", MockEndpoint.class);
            dead.expectedHeaderReceived(Headers.DOCUMENT_ID, "D-20261204-000000000001");

            // a refused EDI file with one acknowledgement to send, which cannot be rendered
            Exchange handled = camel.createProducerTemplate().send("direct:process", e -> {
                e.getIn().setHeader(Headers.DOCUMENT_ID, "D-20261204-000000000001");
            });

            // handled: nothing for the JMS transaction to roll back, so nothing for the broker to put on its DLQ
            assertThat(handled.getException()).isNull();
            dead.assertIsSatisfied();
            assertThat(rejections.calls)
                    .containsExactly(
                            "reject D-20261204-000000000001", "unfinished D-20261204-000000000001: ack writer broke");
        }
    }

    /** Stands in for the {@code acknowledgeStage} bean: the refused file has one acknowledgement to send. */
    public static class OneAcknowledgement {

        public List<String> pending() {
            return List.of("CONTRL for the sender");
        }
    }

    /** Stands in for the {@code renderStage} bean: no acknowledgement can be rendered. */
    public static class BrokenAcknowledgements {

        public void render(Exchange exchange) {
            throw new IllegalStateException("ack writer broke");
        }
    }

    /** Stands in for the {@code rejections} bean: records the calls. */
    public static class RecordingRejections {

        final List<String> calls = new CopyOnWriteArrayList<>();

        public void reject(Exchange exchange) {
            calls.add("reject " + exchange.getIn().getHeader(Headers.DOCUMENT_ID));
        }

        public void unfinished(Exchange exchange) {
            calls.add("unfinished " + exchange.getIn().getHeader(Headers.DOCUMENT_ID) + ": "
                    + exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)
                            .getMessage());
        }

        public void failed(Exchange exchange) {
            calls.add("failed " + exchange.getIn().getHeader(Headers.DOCUMENT_ID));
        }
    }
}
