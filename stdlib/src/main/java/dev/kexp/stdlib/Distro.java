package dev.kexp.stdlib;

import java.time.Duration;
import java.util.List;

/**
 * A Kubernetes distribution: kubeadm, k3s, microk8s, k0s. One class a distribution; each method
 * returns the distribution's own documented commands for one node, in order, and runs nothing.
 *
 * <p>A node's life, as the second paper ran it 25 times on the same machines: {@link #prepare} once
 * (packages, binaries, images; services installed but not started), then in every repetition {@link
 * #startControlPlane} on the master (the CNI after it unless {@link #providesCni}), per worker
 * {@link #joinToken} on the master and {@link #join} on the worker, and at the end per worker
 * {@link #leave} on the worker and {@link #removeNode} on the master, then {@link
 * #stopControlPlane}, which leaves no platform process behind. {@link #uninstall} undoes {@link
 * #prepare} from any point of that life, workers first.
 *
 * <p>An {@code install} that also starts the cluster (the first paper's) is the same commands in a
 * row: prepare, start, CNI, join.
 */
public interface Distro extends Named {
  /** The Kubernetes version installed when the file gives none (the seeds used 1.27.2). */
  String defaultVersion();

  /** The CNI the distribution ships with, used when the file has no {@code cni} line. */
  String defaultCni();

  /**
   * Combinations that work but are unusual, so {@code kexp check} warns about them.
   *
   * @param runtime the container runtime's DSL word
   */
  default List<String> warnings(String runtime) {
    return List.of();
  }

  /** Whether the distribution brings this runtime itself, so kexp does not install it. */
  default boolean bundles(String runtime) {
    return runtime.equals("containerd");
  }

  /** Whether the distribution installs this CNI itself (its own, or through its configuration). */
  default boolean providesCni(String cni) {
    return cni.equals(defaultCni());
  }

  /**
   * Whether the control plane is itself a Node of the cluster. A k0s controller is not (unless it
   * also runs a worker), so its cluster has only the workers as nodes.
   */
  default boolean controlPlaneIsNode() {
    return true;
  }

  /** kubectl as this distribution runs it on the master, as root. */
  String kubectl();

  /**
   * Puts the distribution on one node without starting it: packages, binaries and images, with its
   * services installed but not running, so every repetition starts from the same idle node.
   */
  List<Cmd> prepare(Setup s, boolean controlPlane);

  /** Starts the control plane on a prepared master, up to an API that answers. */
  List<Cmd> startControlPlane(Setup s);

  /**
   * Prints a join token on the master; the command captures it (a secret) as {@code name}. Run once
   * per worker when {@link #tokenPerWorker()}, else once.
   */
  Cmd joinToken(Setup s, String name);

  /** Whether each worker needs its own token (MicroK8s's add-node). */
  default boolean tokenPerWorker() {
    return false;
  }

  /** Joins a prepared {@code worker} to the cluster, using the token captured as {@code token}. */
  List<Cmd> join(Setup s, String worker, String token);

  /**
   * On a drained worker: leaves the cluster and stops the distribution's processes there, so that
   * the node is idle and can join again.
   */
  List<Cmd> leave(Setup s);

  /** On the master, after {@code worker} left: removes its Node from the cluster. */
  default List<Cmd> removeNode(Setup s, String worker) {
    return List.of(Cmd.root(kubectl() + " delete node " + worker).within(Duration.ofMinutes(2)));
  }

  /** Prints the admin kubeconfig on the master; its server is the address the master gave it. */
  Cmd kubeconfig(Setup s);

  /** Stops the control plane and everything it started, leaving no platform process. */
  List<Cmd> stopControlPlane(Setup s);

  /**
   * Removes the distribution from a node, from wherever its life stopped (running, stopped or only
   * prepared), so the next install starts clean.
   */
  List<Cmd> uninstall(Setup s, boolean controlPlane);

  /**
   * Regular expressions of secrets the distribution's tools print unasked (group 1 is the secret,
   * or the whole match), redacted in every log: kubeadm init prints a join token, for instance.
   */
  default List<String> secretPatterns() {
    return List.of();
  }

  /** Prints the distribution's version as the node reports it, for the results manifest. */
  Cmd version();
}
