package org.corridor.platform;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.corridor.base.CorridorProperties;

/**
 * The broker settings Corridor relies on, applied alike to the embedded broker ({@link PlatformConfig}) and to the
 * standalone one a cluster's nodes share ({@link StandaloneBroker}); deploy/artemis/broker-settings.xml says the same
 * for an Apache Artemis distribution.
 */
final class ArtemisSettings {

    /**
     * Delivery messages are grouped by document (JMSXGroupID); buckets keep the broker's group table to a fixed size
     * however many documents pass, many more than a partner's consumers, so work still spreads.
     */
    static final int DELIVERY_GROUP_BUCKETS = 64;

    private ArtemisSettings() {}

    /**
     * Durable hand-offs: every commit and durable send returns once the journal has written and fsynced it, within
     * {@code journalBufferTimeoutNs}; queued messages beyond {@code maxMemoryMb} are paged to disk; a message the
     * routes could not handle is redelivered with back-off (1 s, doubling, at most 60 s) up to 10 times.
     */
    static Configuration durability(Configuration configuration, int journalBufferTimeoutNs, long maxMemoryMb) {
        return configuration
                .setJournalBufferTimeout_NIO(journalBufferTimeoutNs)
                .setJournalBufferTimeout_AIO(journalBufferTimeoutNs)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDatasync(true)
                .setPageSyncTimeout(journalBufferTimeoutNs)
                .setGlobalMaxSize(maxMemoryMb * 1024 * 1024)
                .addAddressSetting(
                        "#",
                        new AddressSettings()
                                .setDeadLetterAddress(SimpleString.of("DLQ"))
                                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                                .setMaxDeliveryAttempts(10)
                                .setRedeliveryDelay(1000)
                                .setRedeliveryMultiplier(2)
                                .setMaxRedeliveryDelay(60000));
    }

    /**
     * Where the broker puts a message of Corridor's queues once its own redeliveries are spent: the dead-letter queue
     * operators watch and replay from ({@code queues.dead}), not Artemis's {@code DLQ}, which nobody does. The
     * dead-letter queue's own messages keep {@code DLQ}, so that none can circle back onto it.
     */
    static Configuration deadLetters(Configuration configuration, CorridorProperties.Queues queues) {
        SimpleString dead = SimpleString.of(queues.dead());
        return configuration
                .addAddressSetting(queues.inbound(), new AddressSettings().setDeadLetterAddress(dead))
                .addAddressSetting(queues.process(), new AddressSettings().setDeadLetterAddress(dead))
                .addAddressSetting(
                        queues.deliver() + ".#",
                        new AddressSettings().setDeadLetterAddress(dead).setDefaultGroupBuckets(DELIVERY_GROUP_BUCKETS))
                .addAddressSetting(queues.dead(), new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ")));
    }
}
