package org.corridor.deliver;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.corridor.base.CorridorProperties;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates one delivery route per registered partner from the {@code deliver-partner} template
 * ({@code routes/deliver/}), route id {@code deliver-<PARTNER>}, with the partner's retry policy; and binds each
 * HTTPS partner's trust store for camel-http, and each AS2 partner's keys for camel-as2. Runs once the YAML routes (and so the template) are loaded.
 */
@Component
class PartnerRoutes implements CamelContextConfiguration {

    /** The route template every delivery route is made from. */
    static final String TEMPLATE = "deliver-partner";

    private static final Logger LOG = LoggerFactory.getLogger(PartnerRoutes.class);

    private final PartnerRegistry partners;

    PartnerRoutes(PartnerRegistry partners) {
        this.partners = partners;
    }

    /** The id of the partner's delivery route. */
    static String routeId(String partnerId) {
        return "deliver-" + partnerId;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        for (RegisteredPartner p : partners.all()) {
            if (p.trust() != null) {
                camelContext.getRegistry().bind(DeliveryService.trustBean(p.id()), trustOf(p.trust()));
            }
            CorridorProperties.Partner endpoint = p.endpoint();
            if (p.as2() != null) {
                bindAs2(camelContext, p);
            }
            if (endpoint.channel() == CorridorProperties.Channel.JMS && endpoint.url() != null) {
                // a partner's own broker (Artemis core or OpenWire-compatible URL such as tcp://host:61616)
                camelContext
                        .getRegistry()
                        .bind(
                                DeliveryService.brokerBean(p.id()),
                                new ActiveMQConnectionFactory(
                                        endpoint.url().toString(), endpoint.username(), endpoint.password()));
            }
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        List<String> created = new ArrayList<>();
        for (RegisteredPartner p : partners.all()) {
            if (camelContext.getRoute(routeId(p.id())) != null) {
                continue;
            }
            RegisteredPartner.RetryPolicy retry = p.retry();
            created.add(TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                    .routeId(routeId(p.id()))
                    .parameter("partner", p.id())
                    .parameter("maximumRedeliveries", retry.maxRetries())
                    .parameter("redeliveryDelay", retry.initialDelayMs())
                    .parameter("backOffMultiplier", retry.multiplier())
                    .parameter("maximumRedeliveryDelay", retry.maxDelayMs())
                    .add());
        }
        LOG.info("Delivery routes created from template {}: {}", TEMPLATE, created);
    }

    /** The keys the partner's camel-as2 endpoint refers to by name ({@link As2Endpoint#uri}). */
    private static void bindAs2(CamelContext camelContext, RegisteredPartner p) {
        var registry = camelContext.getRegistry();
        registry.bind(As2Endpoint.keyBean(p.id()), p.as2().ourKey());
        registry.bind(As2Endpoint.chainBean(p.id()), p.as2().ourChain());
        registry.bind(As2Endpoint.partnerChainBean(p.id()), p.as2().partnerChain());
        URI url = p.endpoint() == null ? null : p.endpoint().url();
        if (url != null && "https".equalsIgnoreCase(url.getScheme())) {
            try {
                registry.bind(
                        As2Endpoint.sslBean(p.id()),
                        p.trust() != null
                                ? trustOf(p.trust()).createSSLContext(camelContext)
                                : SSLContext.getDefault());
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(
                        "partner " + p.id() + ": cannot set up TLS for its AS2 URL " + url + ": " + e.getMessage(), e);
            }
        }
    }

    private static SSLContextParameters trustOf(RegisteredPartner.TrustStore store) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + store.path());
        keyStore.setType(store.type());
        if (store.password() != null) {
            keyStore.setPassword(store.password());
        }
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
