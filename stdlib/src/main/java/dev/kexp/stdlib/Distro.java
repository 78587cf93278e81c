package dev.kexp.stdlib;

import java.util.List;

/**
 * A Kubernetes distribution: kubeadm, k3s, microk8s, k0s. One class a distribution; each method
 * returns the distribution's own documented commands for one node, in order, and runs nothing.
 *
 * <p>The runtime runs them in this order: on every node {@link ContainerRuntime#install} unless
 * {@link #bundles} the runtime; on the master {@link #installControlPlane}, then the CNI unless
 * {@link #providesCni}; then, per worker, {@link #joinToken} on the master and {@link #join} on the
 * worker. {@link #uninstall} runs on the workers first, then on the master.
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

  /** kubectl as this distribution runs it on the master, as root. */
  String kubectl();

  /** Installs the control plane at {@code s.version()} on the master. */
  List<Cmd> installControlPlane(Setup s);

  /**
   * Prints a join token on the master; the command captures it (a secret) as {@code name}. Run once
   * per worker when {@link #tokenPerWorker()}, else once.
   */
  Cmd joinToken(Setup s, String name);

  /** Whether each worker needs its own token (MicroK8s's add-node). */
  default boolean tokenPerWorker() {
    return false;
  }

  /** Joins {@code worker} to the cluster, using the token captured as {@code token}. */
  List<Cmd> join(Setup s, String worker, String token);

  /** Prints the admin kubeconfig on the master; its server is the address the master gave it. */
  Cmd kubeconfig(Setup s);

  /** Stops the control plane, keeping its state ({@code stopMaster}). */
  List<Cmd> stopControlPlane(Setup s);

  /** Starts a stopped control plane again ({@code startMaster}). */
  List<Cmd> startControlPlane(Setup s);

  /** Removes the distribution from a node so that the next repetition starts clean. */
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
