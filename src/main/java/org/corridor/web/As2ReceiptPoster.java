package org.corridor.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.corridor.base.FileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Posts asynchronous AS2 receipts to the address a partner asked for (one its partner file lists), after the answer
 * to its message has gone: on a thread of its own, tried a few times with growing pauses, and logged with the partner
 * and Message-ID when it cannot be delivered (the partner then resends, and gets the same receipt again).
 */
@Component
class As2ReceiptPoster implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(As2ReceiptPoster.class);
    /** The pauses before each try: the first at once. */
    private static final List<Duration> PAUSES =
            List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "as2-receipts");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Sends the receipt for {@code messageId} of {@code partnerId} to {@code url}, later. */
    void post(String partnerId, String messageId, URI url, As2Receipt receipt) {
        schedule(partnerId, messageId, url, receipt, 0);
    }

    private void schedule(String partnerId, String messageId, URI url, As2Receipt receipt, int attempt) {
        executor.schedule(
                () -> attempt(partnerId, messageId, url, receipt, attempt),
                PAUSES.get(attempt).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void attempt(String partnerId, String messageId, URI url, As2Receipt receipt, int attempt) {
        String failure;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(receipt.body()));
            for (Map.Entry<String, String> h : receipt.headers().entrySet()) {
                request.header(h.getKey(), h.getValue());
            }
            request.header("Recipient-Address", url.toString());
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 == 2) {
                LOG.info(
                        "Posted the receipt for AS2 message {} of partner {} to {}",
                        FileNames.forLog(messageId),
                        partnerId,
                        url);
                return;
            }
            failure = "HTTP " + answer.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failure = e.toString();
        }
        if (attempt + 1 < PAUSES.size()) {
            LOG.warn(
                    "Could not post the receipt for AS2 message {} of partner {} to {} ({}); trying again in {}",
                    FileNames.forLog(messageId),
                    partnerId,
                    url,
                    failure,
                    PAUSES.get(attempt + 1));
            schedule(partnerId, messageId, url, receipt, attempt + 1);
        } else {
            LOG.error(
                    "Gave up posting the receipt for AS2 message {} of partner {} to {} after {} tries ({}): the"
                            + " partner gets it again when it resends the message",
                    FileNames.forLog(messageId),
                    partnerId,
                    url,
                    PAUSES.size(),
                    failure);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
