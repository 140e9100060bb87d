package org.corridor.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference tables as the rest of Corridor reads them: from the files under reference/. */
class ReferenceDataTest {

    private final ReferenceData reference = ReferenceData.load();

    @Test
    void describesAnHsCodeByTheLongestCodeInTheTableItStartsWith() {
        assertThat(reference.hsDescription("2603000020")).hasValue("Copper ores and concentrates: lead content");
        assertThat(reference.hsDescription("2603.00.0050")).hasValue("Copper ores and concentrates: gold content");
        assertThat(reference.hsDescription("26030000")).hasValue("Copper ores and concentrates");
        // a national subdivision the table lacks still gets its HS-6 text
        assertThat(reference.hsDescription("2617100099")).hasValue("Antimony ores and concentrates");
        assertThat(reference.hsDescription("280530")).hasValue("Rare-earth metals, scandium and yttrium");
        assertThat(reference.hsDescription("7403")).isEmpty();
        assertThat(reference.hsDescription(null)).isEmpty();
    }

    @Test
    void namesTheCorridorsPlacesWithTheirCountries() {
        assertThat(reference.place("PKBQM"))
                .hasValue(new ReferenceData.Place("PKBQM", "Port Qasim (Muhammad Bin Qasim)", "PK", "seaport"));
        assertThat(reference.place("usstl")).map(ReferenceData.Place::name).hasValue("St. Louis");
        assertThat(reference.isLocode("USHOU")).isTrue();
        assertThat(reference.isLocode("NLRTM")).as("not a corridor place").isFalse();
    }

    @Test
    void everyPlaceHasATimeZone() {
        for (String locode : new String[] {"PKKHI", "PKBQM", "PKGWD", "USHOU", "USMSY", "USBAL", "USNYC", "USSTL"}) {
            assertThat(reference.place(locode)).as(locode).isPresent();
            assertThat(reference.timeZone(locode)).as(locode).isPresent();
        }
    }

    @Test
    void knowsEveryIsoCountry() {
        assertThat(reference.country("PK")).hasValue("Pakistan");
        assertThat(reference.country("us")).hasValue("United States");
        assertThat(reference.country("CL")).hasValue("Chile");
        assertThat(reference.country("XX")).isEmpty();
    }

    @Test
    void knowsActiveCurrenciesOnlyWithTheirMinorUnits() {
        assertThat(reference.currency("PKR")).hasValue(new ReferenceData.Currency("PKR", "Pakistani Rupee", 2));
        assertThat(reference.currency("JPY"))
                .map(ReferenceData.Currency::minorUnits)
                .hasValue(0);
        assertThat(reference.currency("KWD"))
                .map(ReferenceData.Currency::minorUnits)
                .hasValue(3);
        assertThat(reference.currency("XAU"))
                .map(ReferenceData.Currency::minorUnits)
                .isEmpty();
        assertThat(reference.isCurrency("USD")).isTrue();
        assertThat(reference.isCurrency("DEM")).as("withdrawn 2002").isFalse();
        assertThat(reference.isCurrency("usd")).as("written as the code is").isFalse();
    }

    @Test
    void namesAnalytes() {
        assertThat(reference.analyteName("As")).hasValue("arsenic");
        assertThat(reference.analyteName("TML")).hasValue("transportable moisture limit");
        assertThat(reference.analyteName("Xx")).isEmpty();
    }
}
