package org.corridor.support;

import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.CamelContext;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.process.DocumentPipeline;

/** The document pipeline with the sample agreements and a fixed day (2025-10-15), as tests of samples need it. */
public final class SamplePipeline {

    private SamplePipeline() {}

    public static DocumentPipeline create(CamelContext camel) {
        return DocumentPipeline.create(
                camel,
                REFERENCE,
                AgreementCatalog.of(AGREEMENT_FILES.readAll(Path.of("sample-docs", "agreements"))),
                Clock.fixed(Instant.parse("2025-10-15T00:00:00Z"), ZoneOffset.UTC));
    }
}
