package org.corridor.platform;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.corridor.enrich.AgreementCatalog;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;

/** Beans that wire the platform: clock, JMS with local transactions, broker settings, the document pipeline. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * camel-jms with a JMS-local transaction per consumed message: a stage's sends commit together with the receive,
     * so a crash anywhere leaves the message on its queue. The transaction manager is deliberately not a bean, so
     * the JDBC transaction manager Spring Boot creates stays the one for the tracking store.
     */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return JmsComponent.jmsComponentTransacted(connectionFactory, new JmsTransactionManager(connectionFactory));
    }

    /** Messages the routes could not handle after the broker's own retries land in DLQ instead of being dropped. */
    @Bean
    ArtemisConfigurationCustomizer deadLetters() {
        return configuration -> configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(10)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60000));
    }

    @Bean
    DocumentPipeline documentPipeline(CamelContext camelContext, AgreementCatalog agreements, Clock clock) {
        return DocumentPipeline.create(camelContext, agreements, clock);
    }
}
