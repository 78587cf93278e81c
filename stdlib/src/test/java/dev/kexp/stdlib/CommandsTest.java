package dev.kexp.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The choices each distribution's commands make, one rule a test. */
class CommandsTest {
  static Setup setup(String runtime, String cni) {
    String sock = Stdlib.get().runtimes().get(runtime).criSocket();
    return new Setup("1.27.2", runtime, sock, cni, "3.26", "node0", List.of("node1"));
  }

  static String all(List<Cmd> cmds) {
    return String.join("\n", cmds.stream().map(Cmd::line).toList());
  }

  static Distro d(String word) {
    return Stdlib.get().distros().get(word);
  }

  @Test
  void k3sTurnsFlannelOffOnlyForCalicoAndUsesItsBundledCriDockerdWithDocker() {
    String calico = all(d("k3s").startControlPlane(setup("docker", "calico")));
    assertTrue(
        all(d("k3s").prepare(setup("docker", "calico"), true))
            .contains("INSTALL_K3S_VERSION='v1.27.2+k3s1'"));
    assertTrue(calico.contains("--docker --flannel-backend=none --disable-network-policy"), calico);
    String flannel = all(d("k3s").startControlPlane(setup("containerd", "flannel")));
    assertFalse(flannel.contains("flannel-backend"), flannel);
    assertFalse(flannel.contains("--docker"), flannel);
    assertTrue(
        all(d("k3s").join(setup("docker", "flannel"), "node1", "t")).contains("'agent --docker'"));
  }

  @Test
  void kubeadmPassesTheRuntimesCriSocketToInitAndJoin() {
    Setup docker = setup("docker", "calico");
    assertTrue(
        all(d("kubeadm").startControlPlane(docker))
            .contains("--cri-socket unix:///var/run/cri-dockerd.sock"));
    assertTrue(
        all(d("kubeadm").join(docker, "node1", "t"))
            .contains("kubeadm join {{t}} --cri-socket unix:///var/run/cri-dockerd.sock"));
    assertTrue(all(d("kubeadm").prepare(docker, false)).contains("kubelet=1.27.2-1.1"));
    assertFalse(d("kubeadm").bundles("containerd"), "kubeadm installs no runtime itself");
  }

  @Test
  void k0sChoosesCalicoInItsConfigAndPointsDockerWorkersAtCriDockerd() {
    String controller = all(d("k0s").prepare(setup("containerd", "calico"), true));
    assertTrue(controller.contains("sed 's/provider: kuberouter/provider: calico/'"), controller);
    assertTrue(d("k0s").providesCni("calico"));
    String worker = all(d("k0s").join(setup("docker", "calico"), "node1", "t"));
    assertTrue(worker.contains("--cri-socket=remote:unix:///var/run/cri-dockerd.sock"), worker);
    assertTrue(all(d("k0s").leave(setup("docker", "calico"))).contains("k0s reset --cri-socket"));
    assertTrue(
        all(d("k0s").uninstall(setup("docker", "calico"), false))
            .contains("k0s reset --cri-socket"));
  }

  @Test
  void microk8sTakesOneTokenPerWorkerAndFindsTheJoinLineByItsShape() {
    assertTrue(d("microk8s").tokenPerWorker());
    Cmd token = d("microk8s").joinToken(setup("containerd", "calico"), "t1");
    String out =
        "From the node you wish to join to this cluster, run the following:\n"
            + "microk8s join 10.0.0.1:25000/92b2db237428470dc4fcfc4ebbd9dc81/2c0cb3284b05\n";
    var m = Pattern.compile(token.pattern(), Pattern.MULTILINE).matcher(out);
    assertTrue(m.find());
    assertEquals("10.0.0.1:25000/92b2db237428470dc4fcfc4ebbd9dc81/2c0cb3284b05", m.group(1));
    assertTrue(token.secret());
    String docker = all(d("microk8s").prepare(setup("docker", "calico"), true));
    assertTrue(
        docker.contains("--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock"), docker);
  }

  @Test
  void calicoCompletesATwoPartVersion() {
    List<Cmd> cmds =
        Stdlib.get().cnis().get("calico").install(setup("containerd", "calico"), "kubectl");
    assertTrue(
        cmds.get(0).line().contains("/calico/v3.26.0/manifests/tigera-operator.yaml"),
        cmds.toString());
    // Created once: a control plane that keeps its state (K3s, k0s) has it from the last start.
    assertTrue(
        cmds.stream()
            .allMatch(
                c ->
                    c.line()
                        .matches(
                            "kubectl get -f (\\S+) >/dev/null 2>&1 \\|\\| kubectl create -f \\1")),
        cmds.toString());
  }

  /** What {@code setup { install }} runs: nothing that starts a platform or joins a cluster. */
  @Test
  void prepareInstallsWithoutStartingOrJoining() {
    Setup s = setup("containerd", "calico");
    String k3s = all(d("k3s").prepare(s, false));
    assertTrue(k3s.contains("INSTALL_K3S_SKIP_ENABLE=true INSTALL_K3S_SKIP_START=true"), k3s);
    assertFalse(k3s.contains("K3S_URL"), k3s);
    String microk8s = all(d("microk8s").prepare(s, true));
    assertTrue(microk8s.endsWith("microk8s stop"), microk8s);
    String k0s = all(d("k0s").prepare(s, true));
    assertTrue(k0s.contains("k0s install controller") && !k0s.contains("k0s start"), k0s);
    assertFalse(all(d("k0s").prepare(s, false)).contains("install worker"));
    String kubeadm = all(d("kubeadm").prepare(s, true));
    assertFalse(kubeadm.contains("kubeadm init"), kubeadm);
    assertTrue(kubeadm.endsWith("systemctl stop kubelet"), kubeadm);
  }

  /** A repetition's join installs nothing: the packages came with the one-off install. */
  @Test
  void joinsAndStartsInstallNothing() {
    Setup s = setup("containerd", "calico");
    for (String word : List.of("kubeadm", "k3s", "microk8s", "k0s")) {
      String run = all(d(word).join(s, "node1", "t")) + "\n" + all(d(word).startControlPlane(s));
      for (String install : List.of("apt-get install", "snap install", "get.k3s.io", "get.k0s.sh"))
        assertFalse(run.contains(install), word + " runs " + install + ":\n" + run);
    }
  }

  /**
   * The second paper's stop of kubeadm (the kubelet only) left the control plane's pods running.
   */
  @Test
  void stoppingEndsEveryPlatformProcessNotOnlyTheService() {
    Setup s = setup("containerd", "calico");
    assertTrue(all(d("kubeadm").stopControlPlane(s)).startsWith("kubeadm reset -f --cri-socket"));
    assertEquals("k3s-killall.sh", all(d("k3s").stopControlPlane(s)));
    assertEquals("k3s-killall.sh", all(d("k3s").leave(s)));
    assertEquals("microk8s leave\nmicrok8s stop", all(d("microk8s").leave(s)));
    assertEquals("microk8s remove-node node1", all(d("microk8s").removeNode(s, "node1")));
    assertEquals("k3s kubectl delete node node1", all(d("k3s").removeNode(s, "node1")));
    assertFalse(d("k0s").controlPlaneIsNode(), "a k0s controller is not a node");
  }

  @Test
  void readinessCountsReadyNodesAndTellsAnUnansweringApiFromNoNodes() {
    String ready = Readiness.nodesReady("k3s kubectl", 4).line();
    assertTrue(
        ready.contains("until out=$(k3s kubectl get nodes --no-headers 2>/dev/null) &&"), ready);
    assertTrue(ready.contains("exit !(t==4 && r==4)"), ready);
    assertTrue(ready.contains("if [ $i -ge 600 ]"), ready);
  }

  @Test
  void theHypervisorCheckSaysWhatItFound() {
    Hypervisor xen = Stdlib.get().hypervisors().get("xen");
    Map<String, String> pv = Hypervisor.parse("type=xen\nguest_type=PV\nvirt=xen\n");
    assertEquals(Optional.empty(), xen.mismatch("PV", pv));
    assertEquals(
        Optional.of("a Xen PV guest, not HVM (type=xen, guest_type=PV, virt=xen)"),
        xen.mismatch("HVM", pv));
    Map<String, String> kvm = Hypervisor.parse("type=\nguest_type=\nvirt=kvm\n");
    assertTrue(xen.mismatch("PV", kvm).orElseThrow().startsWith("not a Xen guest"));
    assertEquals(Optional.empty(), Stdlib.get().hypervisors().get("kvm").mismatch(null, kvm));
    assertTrue(Stdlib.get().hypervisors().get("kvm").mismatch(null, pv).isPresent());
  }

  @Test
  void aCaptureNeedsItsPatternAndPrintsAsAPlaceholder() {
    Cmd c = Cmd.root("cat /x").capturesSecret("join-token", "^(\\S+)$");
    assertEquals("# cat /x   => {{join-token}}", c.toString());
    assertEquals("$ uname -r", Cmd.user("uname -r").toString());
  }
}
