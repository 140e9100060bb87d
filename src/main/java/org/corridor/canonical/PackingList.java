package org.corridor.canonical;

import java.math.BigDecimal;
import java.util.List;

/** Body of a PACKING_LIST: one entry per bag or drum, and the totals the exporter declared. */
public record PackingList(String packingListNo, List<Package> packages, Totals totals) implements DocumentBody {

    public PackingList {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.PACKING_LIST;
    }

    /** One bag, big bag or drum: weights in kilograms, net = gross − tare. */
    public record Package(
            String packageNo,
            String lotNo,
            String containerNo,
            String sealNo,
            BigDecimal grossKg,
            BigDecimal tareKg,
            BigDecimal netKg) {}

    /** The declared totals: number of packages, gross and net kilograms. */
    public record Totals(Integer packages, BigDecimal grossKg, BigDecimal netKg) {}
}
