package dev.kexp.stdlib.cni;

import dev.kexp.stdlib.Cni;

/** Flannel network plugin (K3s default). */
public final class Flannel implements Cni {
  @Override
  public String word() {
    return "flannel";
  }

  @Override
  public String description() {
    return "Flannel network plugin (K3s default).";
  }

  @Override
  public String defaultVersion() {
    return "0.22.0";
  }
}
