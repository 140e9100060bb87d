package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.XMLUtil;
import org.corridor.base.CorridorProperties;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * deploy/artemis/broker-settings.xml, the address settings a production Artemis broker is given (docs/DEPLOY.md), is
 * what {@link PlatformConfig} gives the embedded broker: a change on one side fails here until the other follows.
 */
class BrokerSettingsFileTest {

    private static final Path FILE = Path.of("deploy", "artemis", "broker-settings.xml");

    @Test
    void standaloneBrokerFileHasTheEmbeddedBrokersAddressSettings() throws Exception {
        PlatformConfig platform = new PlatformConfig();
        Configuration embedded = new ConfigurationImpl();
        platform.brokerSettings(new BrokerProperties(500_000, 32, null, null, null))
                .customize(embedded);
        // application.yaml's queue names, which the file names too
        platform.deadLetters(new CorridorProperties(
                        Path.of("home"),
                        List.of(Path.of("agreements")),
                        new CorridorProperties.Queues(
                                "corridor.inbound", "corridor.process", "corridor.deliver", "corridor.dead"),
                        new CorridorProperties.Delivery(6, 1000, 2, 60000, 5000, 30000, 10000, 30000),
                        Map.of()))
                .customize(embedded);

        // the block as it sits in broker.xml, inside <core>; parsed (and checked against Artemis's schema) by the
        // broker's own parser
        Element core =
                XMLUtil.stringToElement("<core xmlns=\"urn:activemq:core\">" + Files.readString(FILE) + "</core>");
        Configuration standalone = new ConfigurationImpl();
        new FileConfigurationParser().parseMainConfig(core, standalone);

        Map<String, AddressSettings> expected = embedded.getAddressSettings();
        assertThat(expected).containsKeys("#", "corridor.dead", "corridor.deliver.#");
        assertThat(standalone.getAddressSettings()).isEqualTo(expected);
    }
}
