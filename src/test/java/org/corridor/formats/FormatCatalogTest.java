package org.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.util.Arrays;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.OutputFormat;
import org.corridor.detect.Detection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The catalog, built in plain Java as the command line builds it: every format written, every wire format read. */
class FormatCatalogTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private final FormatCatalog catalog = FormatCatalog.standard(CAMEL, REFERENCE);

    @AfterAll
    static void stop() {
        CAMEL.stop();
    }

    @Test
    void everyOutputFormatHasItsOwnRenderer() {
        assertThat(catalog.formats()).containsExactly(OutputFormat.values());
        for (OutputFormat format : OutputFormat.values()) {
            assertThat(catalog.renderer(format).format()).isEqualTo(format);
        }
    }

    @Test
    void readsEveryWireFormatTheGatewayReads() {
        for (String[] read : new String[][] {
            {Detection.EDIFACT, "QALITY"},
            {Detection.X12, "863"},
            {Detection.CSV, Detection.LAB_CSV},
            {Detection.CSV, Detection.PACKING_LIST_CSV},
            {Detection.FIXED, Detection.PACKING_LIST},
            {Detection.XML, "OCEANCAR-EBL"},
            {Detection.JSON, Detection.PSW_SD},
            {Detection.JSON, "CANONICAL"},
            {Detection.JSON, Detection.PSW_STATUS}
        }) {
            assertThat(catalog.parserFor(new Detection(read[0], read[1], null)))
                    .as(Arrays.toString(read))
                    .isPresent();
        }
        assertThat(catalog.parserFor(new Detection(Detection.UNKNOWN, null, null)))
                .isEmpty();
    }

    @Test
    void formatNamesAreReadWhateverTheirCaseAndAnUnknownOneIsRefusedWithTheNamesThereAre() {
        assertThat(OutputFormat.of(" us_broker_data_set ")).isEqualTo(OutputFormat.US_BROKER_DATA_SET);
        assertThat(OutputFormat.of("Edifact")).isEqualTo(OutputFormat.EDIFACT);
        assertThatThrownBy(() -> OutputFormat.of("PDF"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"PDF\" is not one of CANONICAL_JSON, PSW_WORKSHEET_JSON, PSW_WORKSHEET_CSV, EDIFACT,"
                        + " X12, US_BROKER_DATA_SET");
    }
}
