package org.corridor.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.enrich.Enricher;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.springframework.stereotype.Component;

/**
 * Stage {@code enrich-agreement}: each document gets its agreement (parties, commodity, ports, the version in force
 * on its date). A partner's document must be one it issues itself, whatever the agreement says of it. A document
 * that cannot be enriched is held, not thrown: the rules of the documents before it speak first (stage
 * {@code validate-rules}), as when each document was enriched and checked in turn. For the same reason the tracking
 * store hears of a document's agreement only once its rules passed (stage {@code validate-rules} records both).
 */
@Component("enrichStage")
public class EnrichStage {

    private final Enricher enricher;
    private final SenderAuthorization senders;

    EnrichStage(DocumentPipeline pipeline, SenderAuthorization senders) {
        this.enricher = pipeline.enricher();
        this.senders = senders;
    }

    public FileInProcess enrich(FileInProcess file) {
        Optional<RegisteredPartner> sender = senders.partnerOf(file.intake());
        List<CanonicalDocument> enriched = new ArrayList<>(file.documents().size());
        for (CanonicalDocument d : file.documents()) {
            CanonicalDocument e;
            try {
                Optional<Problem> notAuthorized = sender.flatMap(p -> senders.refusalOfDocument(p, d));
                if (notAuthorized.isPresent()) {
                    throw new RejectedException(notAuthorized.get());
                }
                e = enricher.enrich(d);
            } catch (RejectedException refusal) {
                file.hold(d, refusal);
                break;
            }
            enriched.add(e);
        }
        file.documents(enriched);
        return file;
    }
}
