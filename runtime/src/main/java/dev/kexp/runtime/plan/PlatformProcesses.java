package dev.kexp.runtime.plan;

import dev.kexp.stdlib.Cmd;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processes a Kubernetes platform leaves running on a node (control plane, kubelet, the
 * distribution's own binaries, the runtime's per-container shims, the CNI's agents), and how a node
 * is asked for them. A run's idle phases only measure an idle node if none of them is left from the
 * previous repetition, so each run checks before it starts. The container runtime's own daemon
 * (containerd, dockerd, cri-dockerd) is not counted: installing it once is part of a node's setup,
 * and it idles when no container runs.
 */
public final class PlatformProcesses {
  private PlatformProcesses() {}

  /**
   * Process names as the kernel keeps them ({@code comm}, at most 15 characters, so
   * containerd-shim-runc-v2 reads containerd-shim and kube-controller-manager kube-controller).
   */
  public static final List<String> NAMES =
      List.of(
          "kubelet",
          "kubelite",
          "kube-apiserver",
          "kube-controller",
          "kube-scheduler",
          "kube-proxy",
          "etcd",
          "k8s-dqlite",
          "containerd-shim",
          "k3s",
          "k3s-server",
          "k3s-agent",
          "k0s",
          "calico-node",
          "flanneld");

  /** The shell pipeline that prints each running platform process's name, one a line. */
  public static final String LIST = "ps -eo comm= | grep -E '^(" + String.join("|", NAMES) + ")$'";

  /** Lists the platform processes running on a node, one line per name with its count. */
  public static final Cmd PROBE =
      Cmd.user(LIST + " | sort | uniq -c").within(Duration.ofSeconds(30));

  /** The probe's output as name → count; empty when the node runs none. */
  public static Map<String, Integer> parse(String out) {
    Map<String, Integer> found = new TreeMap<>();
    for (String line : out.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 2 || !NAMES.contains(f[1])) continue;
      try {
        found.merge(f[1], Integer.parseInt(f[0]), Integer::sum);
      } catch (NumberFormatException notACount) {
        // Not a line of uniq -c: ignored.
      }
    }
    return found;
  }

  /** "kubelet (1), containerd-shim (3)". */
  public static String describe(Map<String, Integer> found) {
    StringBuilder s = new StringBuilder();
    found.forEach(
        (name, n) ->
            s.append(s.length() == 0 ? "" : ", ").append(name).append(" (").append(n).append(')'));
    return s.toString();
  }
}
