package dev.kexp.stdlib.cri;

import dev.kexp.stdlib.ContainerRuntime;

/** Docker Engine, reached by the kubelet through cri-dockerd. */
public final class Docker implements ContainerRuntime {
  @Override
  public String word() {
    return "docker";
  }

  @Override
  public String description() {
    return "Docker Engine, reached by the kubelet through cri-dockerd.";
  }
}
