package dev.kexp.stdlib.distro;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream Kubernetes bootstrapped with kubeadm, from the community packages at pkgs.k8s.io, as the
 * kubeadm docs ("Installing kubeadm", "Creating a cluster with kubeadm") give the steps.
 */
public final class Kubeadm implements Distro {
  @Override
  public String word() {
    return "kubeadm";
  }

  @Override
  public String description() {
    return "Upstream Kubernetes bootstrapped with kubeadm.";
  }

  @Override
  public String defaultVersion() {
    return "1.27.2";
  }

  // kubeadm ships no network plugin; the seeds installed Calico on every distribution.
  @Override
  public String defaultCni() {
    return "calico";
  }

  // kubeadm installs no runtime at all: containerd comes from the OS packages.
  @Override
  public boolean bundles(String runtime) {
    return false;
  }

  @Override
  public boolean providesCni(String cni) {
    return false;
  }

  @Override
  public String kubectl() {
    return "kubectl --kubeconfig /etc/kubernetes/admin.conf";
  }

  /** The packages, pinned to the exact version, on every node before init or join. */
  static List<Cmd> packages(Setup s) {
    String minor = s.version().replaceAll("^(\\d+\\.\\d+).*", "$1");
    String repo = "https://pkgs.k8s.io/core:/stable:/v" + minor + "/deb/";
    String pkg = s.version() + "-1.1";
    return List.of(
        Cmd.root("swapoff -a && sed -i '/ swap / s/^/#/' /etc/fstab"),
        Cmd.root(
            "printf 'overlay\\nbr_netfilter\\n' > /etc/modules-load.d/k8s.conf && modprobe overlay && modprobe br_netfilter"),
        Cmd.root(
            "printf 'net.bridge.bridge-nf-call-iptables = 1\\nnet.bridge.bridge-nf-call-ip6tables = 1\\nnet.ipv4.ip_forward = 1\\n' > /etc/sysctl.d/k8s.conf && sysctl --system"),
        Cmd.root(
            "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q apt-transport-https ca-certificates curl gpg"),
        Cmd.root(
            "mkdir -p /etc/apt/keyrings && curl -fsSL "
                + repo
                + "Release.key | gpg --batch --yes --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg"),
        Cmd.root(
            "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] "
                + repo
                + " /' > /etc/apt/sources.list.d/kubernetes.list"),
        Cmd.root(
            "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --allow-downgrades kubelet="
                + pkg
                + " kubeadm="
                + pkg
                + " kubectl="
                + pkg),
        Cmd.root("apt-mark hold kubelet kubeadm kubectl"));
  }

  // Packages only: the kubelet the packages install restarts in a loop until init or join
  // configures it, so it is stopped and left for kubeadm to start ("Installing kubeadm").
  @Override
  public List<Cmd> prepare(Setup s, boolean controlPlane) {
    List<Cmd> cmds = new ArrayList<>(packages(s));
    cmds.add(Cmd.root("systemctl stop kubelet"));
    return cmds;
  }

  // The pod network is Calico's default, so its stock custom resources fit; the master's name is
  // added to the certificate because kexp reaches the API by the name the file gives.
  @Override
  public List<Cmd> startControlPlane(Setup s) {
    return List.of(
        Cmd.root(
                "kubeadm init --kubernetes-version v"
                    + s.version()
                    + " --pod-network-cidr "
                    + Setup.CALICO_POD_CIDR
                    + " --cri-socket "
                    + s.criSocket()
                    + " --apiserver-cert-extra-sans "
                    + s.master())
            .within(Duration.ofMinutes(15)));
  }

  @Override
  public Cmd joinToken(Setup s, String name) {
    return Cmd.root("kubeadm token create --print-join-command")
        .within(Duration.ofMinutes(1))
        .capturesSecret(name, "kubeadm join (.+)");
  }

  @Override
  public List<Cmd> join(Setup s, String worker, String token) {
    return List.of(
        Cmd.root("kubeadm join " + Cmd.ref(token) + " --cri-socket " + s.criSocket())
            .within(Duration.ofMinutes(15)));
  }

  @Override
  public Cmd kubeconfig(Setup s) {
    return Cmd.root("cat /etc/kubernetes/admin.conf").within(Duration.ofMinutes(1));
  }

  /**
   * "kubeadm reset" undoes init or join: it stops the kubelet and removes the control plane's
   * static pods and every container; the CNI's configuration and iptables rules are left to the
   * admin (its own output says so), so they go too ("Clean up" in "Creating a cluster with
   * kubeadm"). Stopping only the kubelet, as the second paper's playbooks did, leaves the static
   * pods running.
   */
  static List<Cmd> reset(Setup s) {
    return List.of(
        Cmd.root("kubeadm reset -f --cri-socket " + s.criSocket()).within(Duration.ofMinutes(5)),
        Cmd.root("rm -rf /etc/cni/net.d /var/lib/cni"),
        Cmd.root("iptables -F && iptables -t nat -F && iptables -t mangle -F && iptables -X"));
  }

  @Override
  public List<Cmd> leave(Setup s) {
    return reset(s);
  }

  @Override
  public List<Cmd> stopControlPlane(Setup s) {
    return reset(s);
  }

  @Override
  public List<Cmd> uninstall(Setup s, boolean controlPlane) {
    List<Cmd> cmds = new ArrayList<>(reset(s));
    cmds.add(Cmd.root("rm -rf /etc/kubernetes"));
    cmds.add(
        Cmd.root(
                "apt-mark unhold kubelet kubeadm kubectl && DEBIAN_FRONTEND=noninteractive apt-get"
                    + " purge -y -q kubelet kubeadm kubectl")
            .within(Duration.ofMinutes(5)));
    return cmds;
  }

  @Override
  public List<String> secretPatterns() {
    return List.of("--token\\s+(\\S+)", "\\b[a-z0-9]{6}\\.[a-z0-9]{16}\\b");
  }

  @Override
  public Cmd version() {
    return Cmd.user("kubeadm version -o short");
  }
}
