package org.corridor.process;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.corridor.base.AckFormat;
import org.corridor.base.Headers;
import org.corridor.base.OutputFormat;
import org.corridor.formats.FormatCatalog;
import org.corridor.partner.DeliveryOrder;
import org.corridor.render.Renderer;
import org.corridor.render.edi.EdiOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stage {@code render-document}: renders one delivery order (the split's body) into the partner's bytes; the headers
 * say whose and what they are. A document two partners receive in the same format is rendered once per file.
 */
@Component("renderStage")
public class RenderStage {

    private static final Logger LOG = LoggerFactory.getLogger(RenderStage.class);

    private final FormatCatalog formats;
    private final EdiOutbound ediOutbound;

    RenderStage(FormatCatalog formats, EdiOutbound ediOutbound) {
        this.formats = formats;
        this.ediOutbound = ediOutbound;
    }

    public void render(Exchange exchange) {
        DeliveryOrder order = exchange.getIn().getBody(DeliveryOrder.class);
        if (order.format() instanceof AckFormat ack) {
            // acknowledgements come written, with their file name
            handOff(
                    exchange,
                    order,
                    order.content(),
                    order.outputName(),
                    formats.renderer(ack.syntax()).contentType());
            return;
        }
        OutputFormat format = (OutputFormat) order.format();
        Renderer renderer = formats.renderer(format);
        if (format.isEdi()) {
            // an interchange per partner: its own envelope and control number, never shared between partners
            handOff(
                    exchange,
                    order,
                    ediOutbound.render(order.document(), format, order.partnerId()),
                    order.document().documentId() + "." + renderer.extension(),
                    renderer.contentType());
            return;
        }
        FileInProcess file = exchange.getProperty(FileInProcess.PROPERTY, FileInProcess.class);
        byte[] body = file.rendered()
                .computeIfAbsent(
                        order.document().documentId() + "\n" + format, key -> renderer.render(order.document()));
        handOff(
                exchange,
                order,
                body,
                order.document().documentId() + "." + renderer.extension(),
                renderer.contentType());
    }

    /** The JMS message group property; Artemis sends a group's messages to one consumer, one after the other. */
    static final String JMS_GROUP = "JMSXGroupID";

    private static void handOff(
            Exchange exchange, DeliveryOrder order, byte[] body, String outputName, String contentType) {
        Message out = exchange.getIn();
        out.removeHeaders("*");
        out.setHeader(Headers.DOCUMENT_ID, order.document().documentId());
        out.setHeader(Headers.PARTNER, order.partnerId());
        out.setHeader(Headers.FORMAT, order.format().label());
        out.setHeader(Headers.OUTPUT_NAME, outputName);
        out.setHeader(Headers.CONTENT_TYPE, contentType);
        // the broker's message group: a partner's consumers never hold two messages of one document at once, so when a
        // document was handed over twice (taken again after a kill), the second finds it delivered instead of racing
        out.setHeader(JMS_GROUP, order.document().documentId());
        out.setBody(body);
        LOG.info("Document {} rendered as {} for {}", order.document().documentId(), order.format(), order.partnerId());
    }
}
