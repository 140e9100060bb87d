package org.corridor.process;

import java.util.Optional;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.problem.RejectedException;
import org.corridor.rules.AgreementRules;
import org.corridor.rules.AllowanceLedger;
import org.springframework.stereotype.Component;

/**
 * Stage {@code validate-quota}: an export declaration's tonnes are counted against its quota and permits. Counted
 * last, once nothing else can refuse the file; idempotent per declaration, so a redelivery after a crash counts
 * nothing twice. An exceeded quota refuses the file, its EDI sender told in the acknowledgement.
 */
@Component("quotaStage")
public class QuotaStage {

    private final AllowanceLedger ledger;
    private final FileAcknowledgements acknowledgements;

    QuotaStage(AllowanceLedger ledger, FileAcknowledgements acknowledgements) {
        this.ledger = ledger;
        this.acknowledgements = acknowledgements;
    }

    public FileInProcess count(FileInProcess file) {
        for (FileInProcess.Routed r : file.business()) {
            if (r.document().body() instanceof CustomsDeclaration declaration
                    && AgreementRules.isPakistanExport(declaration)) {
                Optional<RejectedException> exceeded =
                        DocumentPipeline.refusalOf(ledger.count(r.document(), r.agreement()));
                if (exceeded.isPresent()) {
                    acknowledgements.refuse(file, r.document(), exceeded.get());
                    throw exceeded.get();
                }
            }
        }
        return file;
    }
}
