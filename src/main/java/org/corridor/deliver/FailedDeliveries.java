package org.corridor.deliver;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Optional;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Headers;
import org.corridor.track.DeliveryStatus;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * An operator's retry of one FAILED delivery (after the partner fixed its side): its dead letter goes back from
 * {@code corridor.dead} to the partner's delivery queue, exactly as rendered, in one JMS transaction, and the delivery
 * is PENDING again. When the dead letter is gone (the queue was purged), the document is replayed from its archived
 * original instead: the partners that have it get nothing twice.
 */
@Component
public class FailedDeliveries {

    /** What a retry came to. */
    public enum Outcome {
        REQUEUED("the delivery's dead letter is back on the partner's queue"),
        REPLAYED("no dead letter was left: the document is processed again from its archived original"),
        NOT_FAILED("this delivery has not failed: nothing to retry"),
        NOT_FOUND("no such delivery");

        private final String message;

        Outcome(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FailedDeliveries.class);
    /** How long to wait for the dead letter: the broker hands it over at once if it is there. */
    private static final long DEAD_LETTER_WAIT_MS = 500;

    private final TrackingStore tracking;
    private final JmsTemplate jms;
    private final CorridorProperties properties;
    private final Replays replays;

    FailedDeliveries(TrackingStore tracking, JmsTemplate jms, CorridorProperties properties, Replays replays) {
        this.tracking = tracking;
        this.jms = jms;
        this.properties = properties;
        this.replays = replays;
    }

    /** Retries the delivery of the document to the partner; {@code actor} is recorded with it. */
    public Outcome retry(String documentId, String partnerId, String actor) {
        Optional<DeliveryStatus> status = tracking.deliveryStatus(documentId, partnerId);
        if (status.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (status.get() != DeliveryStatus.FAILED) {
            return Outcome.NOT_FAILED;
        }
        if (!tracking.retryDelivery(documentId, partnerId, actor)) {
            return Outcome.NOT_FAILED;
        }
        if (requeue(documentId, partnerId)) {
            LOG.info("Delivery of {} to {} retried by {}", documentId, partnerId, actor);
            return Outcome.REQUEUED;
        }
        replays.replay(documentId, false, actor);
        LOG.info(
                "Delivery of {} to {} retried by {} through a replay (no dead letter left)",
                documentId,
                partnerId,
                actor);
        return Outcome.REPLAYED;
    }

    /** Moves the delivery's dead letter back to the partner's queue; false when there is none. */
    private boolean requeue(String documentId, String partnerId) {
        String selector = Headers.DOCUMENT_ID + " = '" + documentId.replace("'", "''") + "' AND " + Headers.PARTNER
                + " = '" + partnerId.replace("'", "''") + "'";
        try (Connection connection = jms.getConnectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(
                    session.createQueue(properties.queues().dead()), selector);
            Message dead = consumer.receive(DEAD_LETTER_WAIT_MS);
            if (dead == null) {
                session.rollback();
                return false;
            }
            MessageProducer producer = session.createProducer(
                    session.createQueue(properties.queues().deliver() + "." + partnerId));
            producer.send(copy(session, dead));
            session.commit();
            return true;
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "cannot move the dead letter of " + documentId + " for " + partnerId + " back to its queue: "
                            + e.getMessage(),
                    e);
        }
    }

    private static Message copy(Session session, Message dead) throws JMSException {
        Message copy;
        if (dead instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(body);
            copy = b;
        } else if (dead instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else {
            throw new IllegalStateException(
                    "a dead letter of type " + dead.getClass().getSimpleName() + " cannot be retried");
        }
        for (Object name : Collections.list(dead.getPropertyNames())) {
            String key = (String) name;
            if (!key.startsWith("JMSX") && !key.startsWith("_AMQ")) {
                copy.setObjectProperty(key, dead.getObjectProperty(key));
            }
        }
        copy.setJMSCorrelationID(dead.getJMSCorrelationID());
        return copy;
    }
}
