package org.corridor.platform;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.corridor.enrich.AgreementCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.support.destination.DynamicDestinationResolver;

/** Beans that wire the platform: clock, JMS with local transactions, broker settings, the document pipeline. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * camel-jms with a local JMS transaction per consumed message. The listener's transacted session is exposed to
     * the route's producers (Spring binds it to the thread), so a stage's sends commit together with its receive and
     * a crash anywhere leaves the message on its queue. No JmsTransactionManager: with one, Spring creates a new
     * consumer per message, which made every stage several times slower; and no transaction-manager bean at all, so
     * the JDBC transaction manager Spring Boot creates stays the one for the tracking store.
     */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        // also camel.component.jms.transacted in application.yaml: the starter's customizer otherwise resets it
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        // Artemis asks the broker about a queue each time a name is resolved; the answer does not change
        DynamicDestinationResolver dynamic = new DynamicDestinationResolver();
        Map<String, Destination> resolved = new ConcurrentHashMap<>();
        jms.setDestinationResolver((session, name, pubSub) -> {
            Destination known = resolved.get(pubSub + name);
            if (known == null) {
                known = dynamic.resolveDestinationName(session, name, pubSub);
                resolved.put(pubSub + name, known);
            }
            return known;
        });
        return jms;
    }

    /**
     * Broker settings Spring Boot does not expose. Messages the routes could not handle after the broker's own
     * retries are dead-lettered ({@link #deadLetters}). The journal flushes (and fsyncs) its buffer at most every
     * {@code journal-buffer-timeout-ns}; Artemis's default of 3.3 ms suits slow disks and made every committed
     * hand-off wait for it. Measure the disk with {@code artemis perf-journal} before changing it in production.
     * The broker shares the gateway's heap: queued messages beyond {@code max-memory-mb} are paged to disk instead of
     * held in memory (Artemis would otherwise keep up to half the heap), so a backlog of deliveries cannot exhaust it.
     */
    @Bean
    ArtemisConfigurationCustomizer brokerSettings(@Value("${corridor.broker.journal-buffer-timeout-ns}") int flushNs,
                                                  @Value("${corridor.broker.max-memory-mb:32}") long maxMemoryMb) {
        return configuration -> configuration.setJournalBufferTimeout_NIO(flushNs)
                .setJournalBufferTimeout_AIO(flushNs)
                .setGlobalMaxSize(maxMemoryMb * 1024 * 1024)
                .addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(10)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60000));
    }

    /**
     * Where the broker puts a message of Corridor's queues once its own redeliveries are spent: the dead-letter queue
     * operators watch and replay from ({@code corridor.queues.dead}), not Artemis's {@code DLQ}, which nobody does.
     * The routes dead-letter what they cannot handle themselves, with a status and a reason; this catches what slips
     * past them (a fault inside the fault handling, or the tracking store down for longer than the redeliveries).
     * The dead-letter queue's own messages keep {@code DLQ}, so that none can circle back onto it.
     */
    @Bean
    ArtemisConfigurationCustomizer deadLetters(CorridorProperties properties) {
        CorridorProperties.Queues queues = properties.queues();
        SimpleString dead = SimpleString.of(queues.dead());
        return configuration -> configuration
                .addAddressSetting(queues.inbound(), new AddressSettings().setDeadLetterAddress(dead))
                .addAddressSetting(queues.process(), new AddressSettings().setDeadLetterAddress(dead))
                .addAddressSetting(queues.deliver() + ".#", new AddressSettings().setDeadLetterAddress(dead))
                .addAddressSetting(queues.dead(), new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ")));
    }

    @Bean
    DocumentPipeline documentPipeline(CamelContext camelContext, AgreementCatalog agreements, Clock clock) {
        return DocumentPipeline.create(camelContext, agreements, clock);
    }
}
