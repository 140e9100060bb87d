package org.corridor.canonical;

import java.time.LocalDate;
import java.util.List;

/** Body of an ASSAY_CERTIFICATE: a laboratory's certificate of analysis, results in source order. */
public record AssayCertificate(
        String certificateNo,
        LocalDate issueDate,
        Party lab,
        String commodity,
        String contractRef,
        List<AssayResult> results)
        implements DocumentBody {

    public AssayCertificate {
        results = results == null ? List.of() : List.copyOf(results);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.ASSAY_CERTIFICATE;
    }

    /** The same certificate with the lab replaced, as enrichment resolves it. */
    public AssayCertificate withLab(Party resolved) {
        return new AssayCertificate(certificateNo, issueDate, resolved, commodity, contractRef, results);
    }
}
