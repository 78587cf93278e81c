package dev.kexp.stdlib.cni;

import dev.kexp.stdlib.Cni;

/** Calico network plugin. */
public final class Calico implements Cni {
  @Override
  public String word() {
    return "calico";
  }

  @Override
  public String description() {
    return "Calico network plugin.";
  }

  @Override
  public String defaultVersion() {
    return "3.26.1";
  }
}
