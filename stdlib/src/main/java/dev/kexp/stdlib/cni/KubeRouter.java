package dev.kexp.stdlib.cni;

import dev.kexp.stdlib.Cni;

/** kube-router network plugin (k0s default). */
public final class KubeRouter implements Cni {
  @Override
  public String word() {
    return "kuberouter";
  }

  @Override
  public String description() {
    return "kube-router network plugin (k0s default).";
  }

  @Override
  public String defaultVersion() {
    return "1.5.4";
  }
}
