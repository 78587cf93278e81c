package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * k0s, from its documented download script at a pinned version. Calico is chosen in the
 * controller's configuration ({@code spec.network.provider}), replacing kube-router; with Docker,
 * workers reach it through cri-dockerd ({@code --cri-socket remote:...}).
 */
public final class K0s implements Distro {
  @Override
  public String word() {
    return "k0s";
  }

  @Override
  public String description() {
    return "k0s, Mirantis' zero-friction Kubernetes.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  @Override
  public String defaultCni() {
    return "kuberouter";
  }

  // k0s deploys Calico itself when its configuration asks for it.
  @Override
  public boolean providesCni(String cni) {
    return cni.equals("kuberouter") || cni.equals("calico");
  }

  @Override
  public String kubectl() {
    return "k0s kubectl";
  }

  static String release(String version) {
    return version.contains("+") ? "v" + version.replaceFirst("^v", "") : "v" + version + "+k0s.0";
  }

  private static Cmd download(Setup s) {
    return Cmd.root("curl -sSLf https://get.k0s.sh | K0S_VERSION='" + release(s.version()) + "' sh")
        .within(Duration.ofMinutes(10));
  }

  // A controller is not a Node unless it also runs a worker (k0s docs, "Multi-node").
  @Override
  public boolean controlPlaneIsNode() {
    return false;
  }

  /**
   * The binary on every node; on the master also its configuration and the controller's service,
   * installed but not started. A worker's service needs a join token, so it is installed by the
   * join.
   */
  @Override
  public List<Cmd> prepare(Setup s, boolean controlPlane) {
    List<Cmd> cmds = new ArrayList<>();
    cmds.add(download(s));
    if (controlPlane) {
      String config = "mkdir -p /etc/k0s && k0s config create";
      if (s.cni().equals("calico")) config += " | sed 's/provider: kuberouter/provider: calico/'";
      cmds.add(Cmd.root(config + " > /etc/k0s/k0s.yaml"));
      cmds.add(Cmd.root("k0s install controller -c /etc/k0s/k0s.yaml"));
    }
    return cmds;
  }

  @Override
  public List<Cmd> startControlPlane(Setup s) {
    return List.of(
        Cmd.root("k0s start"),
        Cmd.root("timeout 300 sh -c 'until k0s status >/dev/null 2>&1; do sleep 2; done'")
            .within(Duration.ofMinutes(6)));
  }

  @Override
  public Cmd joinToken(Setup s, String name) {
    return Cmd.root("k0s token create --role=worker --expiry=100h")
        .within(Duration.ofMinutes(1))
        .capturesSecret(name, "^(\\S{20,})$");
  }

  @Override
  public List<Cmd> join(Setup s, String worker, String token) {
    String install = "k0s install worker --token-file /etc/k0s/worker-token";
    if (s.docker()) install += " --cri-socket=remote:" + s.criSocket();
    return List.of(
        Cmd.root(
            "mkdir -p /etc/k0s && umask 077 && printf '%s\\n' '"
                + Cmd.ref(token)
                + "' > /etc/k0s/worker-token"),
        Cmd.root(install),
        Cmd.root("k0s start"));
  }

  @Override
  public Cmd kubeconfig(Setup s) {
    return Cmd.root("k0s kubeconfig admin").within(Duration.ofMinutes(1));
  }

  // "k0s reset" must follow "k0s stop" and runs as root (k0s docs); it takes the worker's socket.
  // It removes the worker's service and data, so the next join installs it again.
  @Override
  public List<Cmd> leave(Setup s) {
    String reset = "k0s reset";
    if (s.docker()) reset += " --cri-socket=remote:" + s.criSocket();
    return List.of(
        Cmd.root("k0s stop"),
        Cmd.root(reset).within(Duration.ofMinutes(5)),
        Cmd.root("rm -f /etc/k0s/worker-token"));
  }

  // The controller's data stays, as the second paper's "stop" kept each platform's state.
  @Override
  public List<Cmd> stopControlPlane(Setup s) {
    return List.of(Cmd.root("k0s stop").within(Duration.ofMinutes(5)));
  }

  // From any point of the node's life: stopped if running, reset if a service is installed.
  @Override
  public List<Cmd> uninstall(Setup s, boolean controlPlane) {
    String service = controlPlane ? "k0scontroller" : "k0sworker";
    String reset = "k0s reset";
    if (!controlPlane && s.docker()) reset += " --cri-socket=remote:" + s.criSocket();
    return List.of(
        Cmd.root(
                "if [ -e /etc/systemd/system/"
                    + service
                    + ".service ]; then k0s stop 2>/dev/null; "
                    + reset
                    + "; fi")
            .within(Duration.ofMinutes(5)),
        Cmd.root("rm -rf /etc/k0s"));
  }

  @Override
  public Cmd version() {
    return Cmd.user("k0s version");
  }
}
