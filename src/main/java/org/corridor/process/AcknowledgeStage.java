package org.corridor.process;

import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.corridor.partner.DeliveryOrder;
import org.springframework.stereotype.Component;

/**
 * Stage {@code process-acknowledge}: the acknowledgements of a received EDI file, prepared when it was received and
 * amended by any later refusal, join its delivery orders. The {@code acknowledge-file} route hands the same ones off
 * for a refused file or a large one, through {@link #pending}.
 */
@Component("acknowledgeStage")
public class AcknowledgeStage {

    public FileInProcess acknowledge(FileInProcess file) {
        file.orders().addAll(file.acknowledgements());
        return file;
    }

    /** The acknowledgements prepared for the file in process; none before it was read or for a file not EDI. */
    public List<DeliveryOrder> pending(@ExchangeProperty(FileInProcess.PROPERTY) FileInProcess file) {
        return file == null ? List.of() : file.acknowledgements();
    }
}
