package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import java.time.Duration;
import java.util.List;

/**
 * K3s, installed by its documented script (get.k3s.io) at a pinned version. With Calico, flannel
 * and K3s's network policy controller are turned off, as Calico's K3s guide does; with Docker, K3s
 * uses the cri-dockerd it bundles ({@code --docker}).
 */
public final class K3s implements Distro {
  @Override
  public String word() {
    return "k3s";
  }

  @Override
  public String description() {
    return "K3s, Rancher's single-binary Kubernetes.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  @Override
  public String defaultCni() {
    return "flannel";
  }

  // K3s bundles containerd, and since 1.24 also cri-dockerd; Docker itself must be installed.
  @Override
  public String kubectl() {
    return "k3s kubectl";
  }

  /** K3s tags its releases {@code v1.27.2+k3s1}; a file may give either form. */
  static String release(String version) {
    return version.contains("+") ? "v" + version.replaceFirst("^v", "") : "v" + version + "+k3s1";
  }

  private static String script(Setup s, String env, String exec) {
    return "curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION='"
        + release(s.version())
        + "' "
        + env
        + "INSTALL_K3S_EXEC='"
        + exec
        + "' sh -";
  }

  @Override
  public List<Cmd> installControlPlane(Setup s) {
    StringBuilder exec = new StringBuilder("server --tls-san " + s.master());
    if (s.docker()) exec.append(" --docker");
    if (!providesCni(s.cni())) {
      exec.append(" --flannel-backend=none --disable-network-policy --cluster-cidr=")
          .append(Setup.CALICO_POD_CIDR);
    }
    // No wait for the node to be Ready here: with Calico it is not Ready until Calico is in.
    return List.of(Cmd.root(script(s, "", exec.toString())).within(Duration.ofMinutes(15)));
  }

  @Override
  public Cmd joinToken(Setup s, String name) {
    return Cmd.root("cat /var/lib/rancher/k3s/server/node-token")
        .within(Duration.ofMinutes(1))
        .capturesSecret(name, "^(\\S+)$");
  }

  @Override
  public List<Cmd> join(Setup s, String worker, String token) {
    String env = "K3S_URL='https://" + s.master() + ":6443' K3S_TOKEN='" + Cmd.ref(token) + "' ";
    return List.of(
        Cmd.root(script(s, env, s.docker() ? "agent --docker" : "agent"))
            .within(Duration.ofMinutes(15)));
  }

  @Override
  public Cmd kubeconfig(Setup s) {
    return Cmd.root("cat /etc/rancher/k3s/k3s.yaml").within(Duration.ofMinutes(1));
  }

  @Override
  public List<Cmd> stopControlPlane(Setup s) {
    return List.of(Cmd.root("systemctl stop k3s"));
  }

  @Override
  public List<Cmd> startControlPlane(Setup s) {
    return List.of(Cmd.root("systemctl start k3s"));
  }

  // The install script leaves these two uninstall scripts in /usr/local/bin (K3s docs,
  // "Uninstalling K3s").
  @Override
  public List<Cmd> uninstall(Setup s, boolean controlPlane) {
    return List.of(Cmd.root(controlPlane ? "k3s-uninstall.sh" : "k3s-agent-uninstall.sh"));
  }

  @Override
  public List<String> secretPatterns() {
    return List.of("\\bK10[0-9a-f]+::\\S+");
  }

  @Override
  public Cmd version() {
    return Cmd.user("k3s --version");
  }
}
