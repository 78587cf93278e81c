package dev.kexp.stdlib;

import java.time.Duration;

/**
 * The waits that end a lifecycle step when the cluster says it is done, as the second paper's
 * playbooks did (kubectl polled every second): a step is timed from its first command until its
 * wait returns. Each wait is a bounded loop on the master that fails with the cluster's own view
 * when it runs out.
 */
public final class Readiness {
  private Readiness() {}

  /** How long a node may take to become Ready, or to be gone, before the step fails. */
  public static final Duration NODES_WITHIN = Duration.ofMinutes(10);

  /**
   * Waits until the cluster has exactly {@code nodes} Nodes and all are Ready ({@code NotReady} is
   * not Ready). With {@code nodes} 0 it waits for an API that answers with no node.
   */
  public static Cmd nodesReady(String kubectl, int nodes) {
    return poll(
        kubectl,
        "'NF{t++} $2==\"Ready\"{r++} END{exit !(t==" + nodes + " && r==" + nodes + ")}'",
        nodes + " Ready node" + (nodes == 1 ? "" : "s"));
  }

  /**
   * Waits until at least {@code nodes} Nodes are Ready: a control plane started again while workers
   * are still joined is up when its own node is, whatever the workers do. With {@code nodes} 0 it
   * waits for an API that answers.
   */
  public static Cmd atLeastReady(String kubectl, int nodes) {
    return poll(
        kubectl,
        "'$2==\"Ready\"{r++} END{exit !(r>=" + nodes + ")}'",
        "at least " + nodes + " Ready node" + (nodes == 1 ? "" : "s"));
  }

  /** Waits until the cluster has exactly {@code nodes} Nodes, whatever their state. */
  public static Cmd nodeCount(String kubectl, int nodes) {
    return poll(
        kubectl,
        "'NF{t++} END{exit !(t==" + nodes + ")}'",
        "exactly " + nodes + " node" + (nodes == 1 ? "" : "s"));
  }

  // The output is taken first and then counted, so an API that does not answer is "not yet", not
  // "no nodes" (a POSIX shell has no pipefail).
  private static Cmd poll(String kubectl, String awk, String what) {
    long seconds = NODES_WITHIN.toSeconds();
    String get = kubectl + " get nodes --no-headers";
    return Cmd.root(
            "i=0; until out=$("
                + get
                + " 2>/dev/null) && printf '%s\\n' \"$out\" | awk "
                + awk
                + "; do i=$((i+1)); if [ $i -ge "
                + seconds
                + " ]; then echo 'kexp: the cluster did not have "
                + what
                + " within "
                + seconds
                + " s:' >&2; "
                + kubectl
                + " get nodes >&2; exit 1; fi; sleep 1; done")
        .within(NODES_WITHIN.plusMinutes(1));
  }
}
