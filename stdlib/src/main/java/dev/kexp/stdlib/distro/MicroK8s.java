package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Distro;
import java.util.List;

/** MicroK8s, Canonical's snap-packaged Kubernetes. */
public final class MicroK8s implements Distro {
  @Override
  public String word() {
    return "microk8s";
  }

  @Override
  public String description() {
    return "MicroK8s, Canonical's snap-packaged Kubernetes.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  @Override
  public String defaultCni() {
    return "calico";
  }

  // MicroK8s bundles its own containerd; the first seed pointed its kubelet at cri-dockerd.
  @Override
  public List<String> warnings(String runtime) {
    if ("docker".equals(runtime)) {
      return List.of(
          "runtime docker with microk8s: MicroK8s ships its own containerd; kexp will point its"
              + " kubelet at cri-dockerd, as the first seed did");
    }
    return List.of();
  }
}
