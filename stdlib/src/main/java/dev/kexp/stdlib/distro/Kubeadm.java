package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Distro;

/** Upstream Kubernetes bootstrapped with kubeadm. */
public final class Kubeadm implements Distro {
  @Override
  public String word() {
    return "kubeadm";
  }

  @Override
  public String description() {
    return "Upstream Kubernetes bootstrapped with kubeadm.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  // kubeadm ships no network plugin; the seeds installed Calico on every distribution.
  @Override
  public String defaultCni() {
    return "calico";
  }
}
