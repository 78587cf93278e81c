package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Distro;

/** k0s, Mirantis' zero-friction Kubernetes. */
public final class K0s implements Distro {
  @Override
  public String word() {
    return "k0s";
  }

  @Override
  public String description() {
    return "k0s, Mirantis' zero-friction Kubernetes.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  @Override
  public String defaultCni() {
    return "kuberouter";
  }
}
