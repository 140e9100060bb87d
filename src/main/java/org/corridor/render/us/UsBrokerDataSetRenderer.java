package org.corridor.render.us;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.render.Renderer;

/**
 * The US broker's data set as a partner format ({@code US_BROKER_DATA_SET}): written from a shipment dossier, the
 * whole shipment the data set needs, with the same bytes {@code corridor us-broker} prints for the shipment's files.
 */
public final class UsBrokerDataSetRenderer implements Renderer {

    private final UsBrokerDataSet dataSet;

    /** A renderer reporting content on the US entry lines {@code reference} lists. */
    public UsBrokerDataSetRenderer(ReferenceData reference) {
        this.dataSet = new UsBrokerDataSet(reference);
    }

    @Override
    public OutputFormat format() {
        return OutputFormat.US_BROKER_DATA_SET;
    }

    /**
     * The data set of the shipment the dossier holds.
     *
     * @throws IllegalArgumentException for a document that is not a shipment dossier, or a shipment that lacks what
     *                                  the data set needs (see {@link UsBrokerDataSet#render})
     */
    @Override
    public byte[] render(CanonicalDocument document) {
        if (!(document.body() instanceof ShipmentDossier dossier)) {
            throw new IllegalArgumentException(format() + " is written from a SHIPMENT_DOSSIER (a whole shipment),"
                    + " not from a single " + document.kind() + " (document " + document.documentId() + ")");
        }
        return renderShipment(dossier.documents());
    }

    /** The data set of a shipment given as its documents, as UTF-8 pretty-printed JSON. */
    public byte[] renderShipment(List<CanonicalDocument> shipment) {
        return dataSet.renderJsonText(shipment).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }
}
