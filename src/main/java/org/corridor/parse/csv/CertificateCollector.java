package org.corridor.parse.csv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.Party;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Collects one certificate from the rows of a lab CSV, long or wide: the certificate-level values every row repeats
 * must agree, and the results keep the rows' order.
 */
final class CertificateCollector {

    private final String certificateNo;
    private final List<AssayResult> results = new ArrayList<>();
    private String lab;
    private String contractRef;
    private String commodity;
    private LocalDate issueDate;

    CertificateCollector(String certificateNo) {
        this.certificateNo = certificateNo;
    }

    void lab(String value, Location where) {
        lab = agree(lab, value, where);
    }

    void contractRef(String value, Location where) {
        contractRef = agree(contractRef, value, where);
    }

    void commodity(String value, Location where) {
        commodity = agree(commodity, value, where);
    }

    void issueDate(LocalDate value, Location where) {
        issueDate = agree(issueDate, value, where);
    }

    void add(AssayResult result) {
        results.add(result);
    }

    void addAll(List<AssayResult> more) {
        results.addAll(more);
    }

    AssayCertificate build() {
        return new AssayCertificate(
                certificateNo,
                issueDate,
                Party.named(lab),
                commodity != null ? commodity : AssayCommodity.infer(results),
                contractRef,
                results);
    }

    private <T> T agree(T current, T value, Location where) {
        if (value == null) {
            return current;
        }
        if (current != null && !current.equals(value)) {
            throw new RejectedException(
                    ErrorCode.CSV_CONFLICT,
                    where,
                    "Certificate " + certificateNo + " has \"" + current + "\" here on earlier rows but \"" + value
                            + "\" on this one; it must be the same on every row of a certificate.");
        }
        return value;
    }
}
