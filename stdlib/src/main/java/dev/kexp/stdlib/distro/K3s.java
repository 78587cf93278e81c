package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Distro;

/** K3s, Rancher's single-binary Kubernetes. */
public final class K3s implements Distro {
  @Override
  public String word() {
    return "k3s";
  }

  @Override
  public String description() {
    return "K3s, Rancher's single-binary Kubernetes.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  @Override
  public String defaultCni() {
    return "flannel";
  }
}
