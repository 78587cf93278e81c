package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import java.time.Duration;
import java.util.List;

/**
 * K3s, installed by its documented script (get.k3s.io) at a pinned version, the way the second
 * paper's playbooks ran it: downloaded and installed once with {@code INSTALL_K3S_SKIP_ENABLE} and
 * {@code INSTALL_K3S_SKIP_START}, then run again without download to start a server or join an
 * agent. With Calico, flannel and K3s's network policy controller are turned off, as Calico's K3s
 * guide does; with Docker, K3s uses the cri-dockerd it bundles ({@code --docker}).
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

  /**
   * The install script, kept on the node as the second paper's playbooks kept it: run once to
   * download the binary and install the services without enabling or starting them, then again with
   * {@code INSTALL_K3S_SKIP_DOWNLOAD} whenever a server starts or an agent joins.
   */
  static final String SCRIPT = "/var/lib/kexp/k3s-install.sh";

  private static String start(String env, String exec) {
    return env + "INSTALL_K3S_SKIP_DOWNLOAD=true INSTALL_K3S_EXEC='" + exec + "' sh " + SCRIPT;
  }

  @Override
  public List<Cmd> prepare(Setup s, boolean controlPlane) {
    return List.of(
        Cmd.root("mkdir -p /var/lib/kexp && curl -sfL https://get.k3s.io -o " + SCRIPT),
        Cmd.root(
                "INSTALL_K3S_VERSION='"
                    + release(s.version())
                    + "' INSTALL_K3S_SKIP_ENABLE=true INSTALL_K3S_SKIP_START=true sh "
                    + SCRIPT)
            .within(Duration.ofMinutes(15)));
  }

  @Override
  public List<Cmd> startControlPlane(Setup s) {
    StringBuilder exec = new StringBuilder("server --tls-san " + s.master());
    if (s.docker()) exec.append(" --docker");
    if (!providesCni(s.cni())) {
      exec.append(" --flannel-backend=none --disable-network-policy --cluster-cidr=")
          .append(Setup.CALICO_POD_CIDR);
    }
    return List.of(Cmd.root(start("", exec.toString())).within(Duration.ofMinutes(10)));
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
        Cmd.root(start(env, s.docker() ? "agent --docker" : "agent"))
            .within(Duration.ofMinutes(10)));
  }

  @Override
  public Cmd kubeconfig(Setup s) {
    return Cmd.root("cat /etc/rancher/k3s/k3s.yaml").within(Duration.ofMinutes(1));
  }

  // Stopping the service leaves the pods' containers running (K3s docs, "Stopping K3s"); the
  // killall script the install left stops the services, the containers and the network.
  static final Cmd KILLALL = Cmd.root("k3s-killall.sh").within(Duration.ofMinutes(5));

  @Override
  public List<Cmd> leave(Setup s) {
    return List.of(KILLALL);
  }

  @Override
  public List<Cmd> stopControlPlane(Setup s) {
    return List.of(KILLALL);
  }

  // The install leaves these uninstall scripts in /usr/local/bin (K3s docs, "Uninstalling K3s"):
  // k3s-uninstall.sh from the prepare on every node, k3s-agent-uninstall.sh once an agent joined.
  @Override
  public List<Cmd> uninstall(Setup s, boolean controlPlane) {
    return List.of(
        ifPresent("k3s-agent-uninstall.sh"),
        ifPresent("k3s-uninstall.sh"),
        Cmd.root("rm -f " + SCRIPT));
  }

  private static Cmd ifPresent(String script) {
    return Cmd.root("if command -v " + script + " >/dev/null; then " + script + "; fi")
        .within(Duration.ofMinutes(5));
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
