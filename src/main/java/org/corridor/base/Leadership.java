package org.corridor.base;

/**
 * Whether this gateway runs the jobs only one gateway of a cluster may run (the periodic checks and sweeps): always
 * when it runs alone; in a cluster, while it holds the leader's lock (org.corridor.platform.ClusterConfig).
 */
public interface Leadership {

    /** The leader election's name: the leader-only routes run as {@code master:<this>:...} (camel-master). */
    String NAMESPACE = "corridor-leader";

    /** The one answer of a gateway that runs alone. */
    Leadership ALONE = () -> true;

    /** Whether this node leads now. */
    boolean leads();
}
