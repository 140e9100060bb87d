package org.corridor.partner;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.CorridorProperties;
import org.springframework.mock.env.MockEnvironment;

/** The sample partners (sample-docs/partners and every agreement party) for tests outside this package. */
public final class TestPartners {

    private static final CorridorProperties.Delivery DELIVERY =
            new CorridorProperties.Delivery(6, 1000, 2, 60000, 5000, 30000, 10000, 30000);

    private TestPartners() {}

    /** A registry serving the sample partners, without a database: what the gateway loads from the samples. */
    public static PartnerRegistry samples(AgreementCatalog agreements) {
        Path folder = Path.of("sample-docs", "partners");
        CorridorProperties properties =
                new CorridorProperties(Path.of("target"), List.of(folder), null, DELIVERY, Map.of());
        PartnerSettings settings =
                new PartnerSettings(List.of(folder), null, new PartnerSettings.Acks(Duration.ofMinutes(1)));
        PartnerRegistry registry = new PartnerRegistry(
                settings, properties, agreements, new MockEnvironment(), null, null, Clock.systemUTC(), null);
        registry.use(registry.load());
        return registry;
    }
}
