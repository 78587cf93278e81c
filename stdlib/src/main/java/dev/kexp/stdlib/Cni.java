package dev.kexp.stdlib;

import java.util.List;

/** A container network plugin. */
public interface Cni extends Named {
  /** The version installed when the file gives none. */
  String defaultVersion();

  /**
   * Installs the plugin through the API, run on the master after the control plane is up. Empty
   * when the plugin only comes with a distribution (flannel in K3s, kube-router in k0s).
   *
   * @param kubectl kubectl as the distribution runs it
   */
  default List<Cmd> install(Setup s, String kubectl) {
    return List.of();
  }
}
