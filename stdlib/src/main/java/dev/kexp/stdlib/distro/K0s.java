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

  @Override
  public List<Cmd> installControlPlane(Setup s) {
    List<Cmd> cmds = new ArrayList<>();
    cmds.add(download(s));
    String config = "mkdir -p /etc/k0s && k0s config create";
    if (s.cni().equals("calico")) config += " | sed 's/provider: kuberouter/provider: calico/'";
    cmds.add(Cmd.root(config + " > /etc/k0s/k0s.yaml"));
    cmds.add(Cmd.root("k0s install controller -c /etc/k0s/k0s.yaml"));
    cmds.add(Cmd.root("k0s start"));
    cmds.add(
        Cmd.root("timeout 300 sh -c 'until k0s status >/dev/null 2>&1; do sleep 2; done'")
            .within(Duration.ofMinutes(6)));
    return cmds;
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
        download(s),
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

  @Override
  public List<Cmd> stopControlPlane(Setup s) {
    return List.of(Cmd.root("k0s stop"));
  }

  @Override
  public List<Cmd> startControlPlane(Setup s) {
    return List.of(Cmd.root("k0s start"));
  }

  // "k0s reset" must follow "k0s stop" and runs as root (k0s docs); it takes the worker's socket.
  @Override
  public List<Cmd> uninstall(Setup s, boolean controlPlane) {
    String reset = "k0s reset";
    if (!controlPlane && s.docker()) reset += " --cri-socket=remote:" + s.criSocket();
    return List.of(Cmd.root("k0s stop"), Cmd.root(reset).within(Duration.ofMinutes(5)));
  }

  @Override
  public Cmd version() {
    return Cmd.user("k0s version");
  }
}
