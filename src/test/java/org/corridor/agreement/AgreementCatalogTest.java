package org.corridor.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Versions by effective date: the version in force on a date is the highest one whose dates include it. */
class AgreementCatalogTest {

    private static Agreement version(String id, int version, LocalDate from, LocalDate to) {
        return new Agreement(
                id,
                version,
                "v" + version,
                "MOU",
                from,
                from,
                to,
                List.of(),
                List.of(),
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null);
    }

    private static final Agreement V1 = version("PK-US", 1, LocalDate.of(2025, 9, 8), null);
    private static final Agreement V2 = version("PK-US", 2, LocalDate.of(2026, 1, 1), null);
    private static final Agreement V3_ENDED = version("PK-US", 3, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    private static final Agreement OTHER = version("CL-US", 1, LocalDate.of(2025, 1, 1), null);
    private static final AgreementCatalog CATALOG = AgreementCatalog.of(List.of(V3_ENDED, OTHER, V2, V1));

    @Test
    void appliesTheOlderVersionBeforeTheNewerOneTakesEffect() {
        assertThat(CATALOG.find("PK-US", LocalDate.of(2025, 12, 31))).hasValue(V1);
        assertThat(CATALOG.find("PK-US", LocalDate.of(2026, 1, 1))).hasValue(V2);
    }

    @Test
    void fallsBackToTheLowerVersionWhenAHigherOneHasEnded() {
        assertThat(CATALOG.find("PK-US", LocalDate.of(2026, 3, 31))).hasValue(V3_ENDED);
        assertThat(CATALOG.find("PK-US", LocalDate.of(2026, 4, 1))).hasValue(V2);
    }

    @Test
    void knowsNoVersionBeforeTheFirstTakesEffect() {
        assertThat(CATALOG.find("PK-US", LocalDate.of(2025, 9, 7))).isEmpty();
        assertThat(CATALOG.inForceOn(LocalDate.of(2025, 9, 7))).containsExactly(OTHER);
    }

    @Test
    void listsOneVersionInForcePerAgreement() {
        assertThat(CATALOG.inForceOn(LocalDate.of(2026, 2, 1))).containsExactly(OTHER, V2);
    }

    @Test
    void findsTheNewestVersionAndListsThemAll() {
        assertThat(CATALOG.find("PK-US")).hasValue(V3_ENDED);
        assertThat(CATALOG.all()).containsExactly(OTHER, V3_ENDED);
        assertThat(CATALOG.versions("PK-US")).containsExactly(V1, V2, V3_ENDED);
        assertThat(CATALOG.versions("NONE")).isEmpty();
    }
}
