package dev.kexp.stdlib.cri;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Setup;
import java.util.List;

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

  @Override
  public String criSocket() {
    return "unix:///run/containerd/containerd.sock";
  }

  // The kubelet of kubeadm uses the systemd cgroup driver, so containerd must too (Kubernetes docs,
  // "Container Runtimes": SystemdCgroup = true in the runc options).
  @Override
  public List<Cmd> install(Setup s) {
    return List.of(
        Cmd.root(
            "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q containerd"),
        Cmd.root(
            "mkdir -p /etc/containerd && containerd config default | sed 's/SystemdCgroup = false/SystemdCgroup = true/' > /etc/containerd/config.toml"),
        Cmd.root("systemctl restart containerd"));
  }

  @Override
  public Cmd version() {
    return Cmd.user("containerd --version");
  }
}
