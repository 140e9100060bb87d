package org.corridor.deliver;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The error handler's hook before each delivery retry (onRedeliveryRef in outbound-errors). */
@Component("deliveryRetries")
class DeliveryRetries implements Processor {

    private final DeliveryService deliveries;

    DeliveryRetries(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void process(Exchange exchange) {
        deliveries.retrying(exchange);
    }
}
