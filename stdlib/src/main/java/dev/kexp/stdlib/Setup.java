package dev.kexp.stdlib;

import java.util.List;
import java.util.Objects;

/**
 * What the stdlib needs to know about a cluster to write its commands, as plain values (the stdlib
 * sits below the language, so it never sees the language's model).
 *
 * @param version the Kubernetes version, such as {@code 1.27.2}
 * @param runtime the container runtime's DSL word ({@code containerd}, {@code docker})
 * @param criSocket the runtime's CRI socket ({@link ContainerRuntime#criSocket()})
 * @param cni the CNI's DSL word ({@code calico}, or the distribution's own)
 * @param cniVersion the CNI's version
 * @param master the control plane's address as the nodes reach it
 * @param workers the workers' addresses
 */
public record Setup(
    String version,
    String runtime,
    String criSocket,
    String cni,
    String cniVersion,
    String master,
    List<String> workers) {
  public Setup {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(cni, "cni");
    Objects.requireNonNull(master, "master");
    workers = List.copyOf(workers);
  }

  public boolean docker() {
    return runtime.equals("docker");
  }

  /** The pod network Calico's stock manifests use, so no manifest needs editing. */
  public static final String CALICO_POD_CIDR = "192.168.0.0/16";
}
