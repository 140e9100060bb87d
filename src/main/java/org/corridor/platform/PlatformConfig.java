package org.corridor.platform;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.component.jms.JmsComponent;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.ClusterSettings;
import org.corridor.base.CorridorProperties;
import org.corridor.canonical.ReferenceData;
import org.corridor.formats.FormatCatalog;
import org.corridor.process.DocumentPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jms.support.destination.DynamicDestinationResolver;

/** Beans that wire the platform: clock, reference data, JMS with local transactions, broker settings, the document pipeline. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformConfig.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The database's health check, bounded (see {@link BoundedDatabaseHealth}); by this name it replaces Spring Boot's,
     * which waits as long as the pool does.
     */
    @Bean("dbHealthIndicator")
    BoundedDatabaseHealth dbHealthIndicator(
            DataSource dataSource, @Value("${corridor.health.database-timeout:2s}") Duration bound) {
        return new BoundedDatabaseHealth(dataSource, bound);
    }

    /**
     * Before Flyway, and so before any other use of the tracking store: after an unclean stop, rows a kill -9 left in
     * the embedded H2 file without their undo log are rolled back (issue 15, {@link TrackingStoreRecovery}).
     */
    @Bean("trackingStoreRecovery")
    TrackingStoreRecovery trackingStoreRecovery(
            @Value("${spring.datasource.url:}") String url, ClusterSettings cluster) {
        return new TrackingStoreRecovery(url, cluster.enabled() ? cluster.nodeId() : null);
    }

    /**
     * The data source depends on {@link #trackingStoreRecovery}, so at a stop the pool closes (and H2 with it) before
     * the recovery bean notes the orderly stop. Static: it changes bean definitions before any bean exists.
     */
    @Bean
    static BeanFactoryPostProcessor dataSourceClosesBeforeTrackingStoreRecovery() {
        return beanFactory -> {
            if (beanFactory.containsBeanDefinition("dataSource")) {
                BeanDefinition dataSource = beanFactory.getBeanDefinition("dataSource");
                String[] before = dataSource.getDependsOn();
                String[] after = before == null ? new String[1] : Arrays.copyOf(before, before.length + 1);
                after[after.length - 1] = "trackingStoreRecovery";
                dataSource.setDependsOn(after);
            }
        };
    }

    /** The reference tables, loaded once for the whole gateway: every parser, renderer and rule gets this instance. */
    @Bean
    ReferenceData referenceData() {
        return ReferenceData.load();
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
     *
     * <p>Durability is set explicitly, although these are Artemis's defaults, because the whole pipeline relies on
     * it: a commit (a stage's transacted receive and sends) and a durable send outside a transaction (an HTTP
     * upload's hand-off, a replay) return only once the journal has written and fsynced them (fdatasync); a message
     * paged to disk is synced before its commit returns, at the same interval. So a kill -9, or a power cut, never
     * loses a hand-off the gateway went on from. The database side of it is H2's {@code WRITE_DELAY=0}
     * (application.yaml).
     *
     * <p>With {@code corridor.broker.acceptor} set, other systems may connect over the network (see
     * {@link #brokerSecurity}): security is switched on, and logins are not cached, because the broker would key the
     * gateway's in-process login (no user, no password) and an anonymous network login alike and hand the second the
     * first one's rights.
     */
    @Bean
    ArtemisConfigurationCustomizer brokerSettings(BrokerProperties broker) {
        return configuration -> {
            ArtemisSettings.durability(configuration, broker.journalBufferTimeoutNs(), broker.maxMemoryMb());
            if (broker.hasAcceptor()) {
                try {
                    configuration.addAcceptorConfiguration("corridor-network", coreOnly(broker.acceptor()));
                } catch (Exception e) {
                    throw new IllegalArgumentException(
                            "corridor.broker.acceptor " + broker.acceptor()
                                    + " is not an acceptor URI such as tcp://127.0.0.1:61616: " + e.getMessage(),
                            e);
                }
                configuration.setSecurityEnabled(true).setAuthenticationCacheSize(0);
                warnUnlessLoopback(broker.acceptor());
            }
        };
    }

    /**
     * Installs {@link BrokerSecurity} on the embedded broker before it starts, when it accepts network connections:
     * the configured user may send to the intake queue and nothing else, the gateway's in-process connection may do
     * everything. Static, and reading the environment itself, because a post-processor is created before the
     * configuration beans.
     */
    @Bean
    static BeanPostProcessor brokerSecurity(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ embedded) {
                    Binder binder = Binder.get(environment);
                    BrokerProperties broker = binder.bind("corridor.broker", BrokerProperties.class)
                            .get();
                    if (broker.hasAcceptor()) {
                        embedded.setSecurityManager(new BrokerSecurity(
                                broker.user(),
                                broker.password(),
                                binder.bind("corridor.queues.inbound", String.class)
                                        .get()));
                    }
                }
                return bean;
            }
        };
    }

    /** Only the core protocol (Artemis's JMS client) is spoken on the acceptor. */
    private static String coreOnly(String acceptor) {
        return acceptor.contains("protocols=")
                ? acceptor
                : acceptor + (acceptor.contains("?") ? "&" : "?") + "protocols=CORE";
    }

    private static void warnUnlessLoopback(String acceptor) {
        String host = URI.create(acceptor).getHost();
        try {
            if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
                LOG.warn(
                        "The broker accepts connections on {}, beyond this machine, in plain text: keep it on"
                                + " 127.0.0.1 unless a firewall or tunnel protects it",
                        acceptor);
            }
        } catch (UnknownHostException e) {
            LOG.warn("The broker's acceptor host {} is unknown: {}", host, e.getMessage());
        }
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
        return configuration -> ArtemisSettings.deadLetters(configuration, properties.queues());
    }

    @Bean
    DocumentPipeline documentPipeline(FormatCatalog formats, AgreementCatalog agreements, Clock clock) {
        return DocumentPipeline.create(formats, agreements, clock);
    }
}
