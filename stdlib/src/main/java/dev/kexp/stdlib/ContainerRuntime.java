package dev.kexp.stdlib;

import java.util.List;

/** A container runtime for the kubelet: docker (through cri-dockerd) or containerd. */
public interface ContainerRuntime extends Named {
  /** The CRI socket the kubelet is pointed at, as kubeadm's {@code --cri-socket} takes it. */
  String criSocket();

  /** Installs and starts the runtime on one node (Debian or Ubuntu packages). */
  List<Cmd> install(Setup s);

  /** Prints the runtime's version, for the results manifest. */
  Cmd version();
}
