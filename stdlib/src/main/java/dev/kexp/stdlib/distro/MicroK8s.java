package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MicroK8s from its snap. The snap channel pins the minor version only ({@code 1.27/stable}); the
 * patch version the node reports is recorded in the results manifest. Calico is its own CNI.
 */
public final class MicroK8s implements Distro {
  /** The CRI socket of cri-dockerd, which MicroK8s's kubelet is pointed at with Docker. */
  static final String CRI_DOCKERD = "unix:///var/run/cri-dockerd.sock";

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

  @Override
  public String kubectl() {
    return "microk8s kubectl";
  }

  @Override
  public boolean tokenPerWorker() {
    return true;
  }

  static String channel(String version) {
    return version.replaceAll("^(\\d+\\.\\d+).*", "$1") + "/stable";
  }

  private static final Cmd START = Cmd.root("microk8s start").within(Duration.ofMinutes(5));
  private static final Cmd WAIT_READY =
      Cmd.root("microk8s status --wait-ready").within(Duration.ofMinutes(6));
  private static final Cmd STOP = Cmd.root("microk8s stop").within(Duration.ofMinutes(5));

  /**
   * The snap, with Docker the kubelet pointed at cri-dockerd (unsupported upstream), then stopped
   * as the second paper's deploy playbook left it: the snap starts MicroK8s as it installs.
   */
  @Override
  public List<Cmd> prepare(Setup s, boolean controlPlane) {
    List<Cmd> cmds = new ArrayList<>();
    cmds.add(
        Cmd.root("snap install microk8s --classic --channel=" + channel(s.version()))
            .within(Duration.ofMinutes(15)));
    cmds.add(WAIT_READY);
    if (s.docker()) {
      String args = "/var/snap/microk8s/current/args/kubelet";
      cmds.add(
          Cmd.root(
              "sed -i '/^--container-runtime-endpoint=/d' "
                  + args
                  + " && echo '--container-runtime-endpoint="
                  + CRI_DOCKERD
                  + "' >> "
                  + args));
    }
    cmds.add(STOP);
    return cmds;
  }

  @Override
  public List<Cmd> startControlPlane(Setup s) {
    return List.of(START, WAIT_READY);
  }

  // The join line is found by its shape, not by its line number in add-node's output (which the
  // second seed relied on and which changes between versions).
  @Override
  public Cmd joinToken(Setup s, String name) {
    return Cmd.root("microk8s add-node --token-ttl 3600")
        .within(Duration.ofMinutes(1))
        .capturesSecret(name, "microk8s join (\\S+)");
  }

  // A stopped MicroK8s cannot join: the worker is started first (MicroK8s docs, "Clustering").
  @Override
  public List<Cmd> join(Setup s, String worker, String token) {
    return List.of(
        START,
        WAIT_READY,
        Cmd.root("microk8s join " + Cmd.ref(token) + " --worker").within(Duration.ofMinutes(10)));
  }

  @Override
  public List<Cmd> leave(Setup s) {
    return List.of(Cmd.root("microk8s leave").within(Duration.ofMinutes(5)), STOP);
  }

  // The master forgets a node that left with remove-node, not by deleting the Node object.
  @Override
  public List<Cmd> removeNode(Setup s, String worker) {
    return List.of(Cmd.root("microk8s remove-node " + worker).within(Duration.ofMinutes(2)));
  }

  @Override
  public Cmd kubeconfig(Setup s) {
    return Cmd.root("microk8s config").within(Duration.ofMinutes(1));
  }

  @Override
  public List<Cmd> stopControlPlane(Setup s) {
    return List.of(STOP);
  }

  @Override
  public List<Cmd> uninstall(Setup s, boolean controlPlane) {
    return List.of(Cmd.root("snap remove microk8s --purge").within(Duration.ofMinutes(10)));
  }

  @Override
  public List<String> secretPatterns() {
    return List.of(":25000/(\\S+)");
  }

  @Override
  public Cmd version() {
    return Cmd.user("microk8s version");
  }
}
