package org.corridor.platform;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Who may do what on the embedded broker once it accepts network connections. The gateway itself connects in-process
 * (an in-VM connection, which nothing outside the process can open) and may do everything, as before. A network
 * connection must log in as the one configured sender, who may only send to the intake queue: it can neither read a
 * queue nor send anywhere else. Anything else is refused.
 */
final class BrokerSecurity extends SubjectSecurity {

    /** The identity of the gateway's own in-process connections. */
    private static final String GATEWAY = "corridor-gateway (in-process)";

    private final String user;
    private final byte[] password;
    private final String inboundQueue;

    BrokerSecurity(String user, String password, String inboundQueue) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.inboundQueue = inboundQueue;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(GATEWAY);
        }
        return this.user.equals(user) && matches(this.password, password) ? subject(sender()) : null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (is(subject, GATEWAY)) {
            return true;
        }
        // the sender may only put documents on the intake queue (by address, or by its fully qualified queue name)
        return is(subject, sender())
                && checkType == CheckType.SEND
                && (inboundQueue.equals(address) || (inboundQueue + "::" + inboundQueue).equals(address));
    }

    /** The configured sender's principal name, distinct from the gateway's whatever the user is called. */
    private String sender() {
        return "sender:" + user;
    }
}
