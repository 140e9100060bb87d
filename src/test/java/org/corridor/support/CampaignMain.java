package org.corridor.support;

import ch.qos.logback.classic.Level;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** What every campaign main of bench/ does first: quiet logs, and no gateway left running when it is stopped. */
public final class CampaignMain {

    private CampaignMain() {}

    /**
     * Logs warnings only (MINA's SFTP server errors only: it warns of every channel the gateway's client closes with
     * data unread), and closes whatever gateway {@code running} names when the campaign's JVM ends (Ctrl-C included).
     */
    public static void prepare(Supplier<GatewayProcess> running) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.sshd")).setLevel(Level.ERROR);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GatewayProcess gateway = running.get();
            if (gateway != null) {
                gateway.close();
            }
        }));
    }
}
