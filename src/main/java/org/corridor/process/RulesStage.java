package org.corridor.process;

import java.util.ArrayList;
import java.util.List;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.problem.RejectedException;
import org.springframework.stereotype.Component;

/**
 * Stage {@code validate-rules}: checks each enriched document against its agreement's rules. Warnings travel with
 * the document; an error refuses the file, as does a document the enrich stage could not enrich, in file order.
 * An EDI sender learns which message was refused from the acknowledgement.
 */
@Component("rulesStage")
public class RulesStage {

    private final DocumentPipeline pipeline;
    private final FileAcknowledgements acknowledgements;

    RulesStage(DocumentPipeline pipeline, FileAcknowledgements acknowledgements) {
        this.pipeline = pipeline;
        this.acknowledgements = acknowledgements;
    }

    public FileInProcess check(FileInProcess file) {
        List<CanonicalDocument> checked = new ArrayList<>(file.documents().size());
        for (CanonicalDocument d : file.documents()) {
            CanonicalDocument c;
            try {
                c = pipeline.check(d);
            } catch (RejectedException refusal) {
                acknowledgements.refuse(file, d, refusal);
                throw refusal;
            }
            file.processing().enriched(c.documentId(), c.agreementRef());
            if (c.kind() != DocumentKind.ACKNOWLEDGEMENT) {
                file.processing().validated(c.documentId(), c.findingList());
            }
            checked.add(c);
        }
        FileInProcess.Held held = file.held();
        if (held != null) {
            acknowledgements.refuse(file, held.document(), held.refusal());
            throw held.refusal();
        }
        file.documents(checked);
        return file;
    }
}
