package dev.kexp.stdlib;

import java.util.List;

/** A Kubernetes distribution: kubeadm, k3s, microk8s, k0s. One class a distribution. */
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
}
