package dev.kexp.stdlib.cri;

import dev.kexp.stdlib.ContainerRuntime;

/** containerd with its CRI plugin. */
public final class Containerd implements ContainerRuntime {
  @Override
  public String word() {
    return "containerd";
  }

  @Override
  public String description() {
    return "containerd with its CRI plugin.";
  }
}
