package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.corridor.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The routes/ folder as loaded at start: a pattern that matched nothing would start silently with no routes. */
class RouteInventoryTest extends GatewayTestBase {

    @Autowired
    CamelContext camelContext;

    @Test
    void loadsEveryRouteFromTheRoutesFolder() {
        assertThat(camelContext.getRoutes())
                .extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrder(
                        "intake-assay",
                        "intake-customs",
                        "intake-shipping",
                        "intake-any",
                        "intake-prices",
                        "store-prices",
                        "intake-settlement",
                        "intake-jms",
                        "process-document",
                        "acknowledge-file",
                        // AS2 sends with their receipt, called by the delivery routes of AS2 partners
                        "deliver-as2",
                        // one delivery route per partner, from the deliver-partner template: the partner files (LAB2 is
                        // a
                        // test partner of GatewayTestBase) and every party of an agreement (each may send EDI and so
                        // receives
                        // acknowledgements)
                        "deliver-FWOPK",
                        "deliver-USSMUS",
                        "deliver-USBROKER",
                        "deliver-KHILAB",
                        "deliver-OCEANCAR",
                        "deliver-PKAGENT",
                        "deliver-LAB2");
        assertThat(camelContext.getRoutes())
                .allSatisfy(r -> assertThat(r.getDescription()).isNotBlank());
        assertThat(camelContext
                        .getRouteController()
                        .getRouteStatus("process-document")
                        .isStarted())
                .isTrue();
        assertThat(camelContext.getRoute("deliver-USSMUS").getEndpoint().getEndpointUri())
                .startsWith("jms://queue:corridor.deliver.USSMUS");
        assertThat(((ModelCamelContext) camelContext).getRouteTemplateDefinition("deliver-partner"))
                .isNotNull();
    }

    @Test
    void loadsNamedErrorConfigurations() {
        assertThat(((ModelCamelContext) camelContext).getRouteConfigurationDefinitions())
                .extracting(RouteConfigurationDefinition::getId)
                .contains("inbound-errors", "outbound-errors", "price-errors");
    }
}
