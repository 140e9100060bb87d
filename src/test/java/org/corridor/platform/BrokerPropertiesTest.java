package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

    @Test
    void withoutAnAcceptorNoLoginIsNeeded() {
        BrokerProperties broker = new BrokerProperties(500000, 32, "", "", "");

        assertThat(broker.hasAcceptor()).isFalse();
    }

    @Test
    void anAcceptorWithoutAPasswordStopsTheStartNamingWhatToSet() {
        assertThatThrownBy(() -> new BrokerProperties(500000, 32, "tcp://127.0.0.1:61616", "erp", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corridor.broker.password is not")
                .hasMessageContaining("CORRIDOR_BROKER_PASSWORD");
    }

    @Test
    void anAcceptorWithoutAUserStopsTheStart() {
        assertThatThrownBy(() -> new BrokerProperties(500000, 32, "tcp://127.0.0.1:61616", null, "secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corridor.broker.user is not");
    }

    @Test
    void thePasswordIsNeverShown() {
        BrokerProperties broker = new BrokerProperties(500000, 32, "tcp://127.0.0.1:61616", "erp", "s3cret-value");

        assertThat(broker.toString()).doesNotContain("s3cret-value").contains("user=erp");
    }
}
