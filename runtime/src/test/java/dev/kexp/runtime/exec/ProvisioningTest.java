package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.cli.KexpCommand;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.SshNodes;
import dev.kexp.runtime.control.SshRemote;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kexp run} installs, stops, starts and uninstalls each distribution on real SSH nodes whose
 * distribution tools are test fakes ({@link SshNodes}): the commands, the order (server before
 * agents), the join tokens, the hypervisor check, the node facts, sampling over SSH and failure
 * handling all go the real way. A real cluster install is not exercised here.
 */
class ProvisioningTest {
  static SshNodes nodes;
  @TempDir Path tmp;

  @BeforeAll
  static void nodes() {
    nodes = SshNodes.get();
  }

  @BeforeEach
  void clean() throws Exception {
    nodes.reset();
  }

  private String file(int master, List<Integer> workers, String cluster, String phases) {
    String ws = String.join(", ", workers.stream().map(n -> "'" + nodes.address(n) + "'").toList());
    return """
        experiment 'prov' {
            cluster {
                master '%s'
                workers %s
                ssh user: '%s', key: '%s', port: %d
                %s
            }
            metrics { nodes every: 1.s }
            phases { %s }
        }
        """
        .formatted(
            nodes.address(master),
            ws,
            SshNodes.USER,
            nodes.key("ed25519"),
            SshNodes.PORT,
            cluster,
            phases);
  }

  record Result(int exit, String out, Path dir) {
    JsonNode manifest() throws Exception {
      return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    }

    Path run() {
      return dir.resolve("runs/prov/rep-01");
    }

    String nodeLog(String node) throws Exception {
      return Files.readString(run().resolve("nodes/" + node + ".log"));
    }
  }

  private Result run(String text, String... flags) throws Exception {
    Path f = tmp.resolve("prov.kexp");
    Files.writeString(f, text);
    Path out = tmp.resolve("results-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("run", f.toString(), "-o", out.toString()));
    if (!List.of(flags).contains("--known-hosts")) {
      args.addAll(List.of("--known-hosts", nodes.knownHosts.toString()));
    }
    args.addAll(List.of(flags));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = KexpCommand.commandLine().execute(args.toArray(String[]::new));
    } finally {
      System.setOut(old);
    }
    return new Result(exit, buf.toString(StandardCharsets.UTF_8), out);
  }

  /** Index of the first event matching {@code regex}, failing if there is none. */
  private static int at(List<String> events, String regex) {
    for (int i = 0; i < events.size(); i++) if (events.get(i).matches(regex)) return i;
    throw new AssertionError("no event matching " + regex + " in\n" + String.join("\n", events));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "kubeadm, containerd, 'cni calico', 'n1 kubeadm init .*--cri-socket unix:///run/containerd/containerd.sock.*', 'n1 kubectl create -f .*tigera-operator.yaml', 'n2 kubeadm join .*--cri-socket unix:///run/containerd/containerd.sock'",
    "k3s, docker, 'cni calico', 'n1 k3s server started exec=server .*--docker --flannel-backend=none --disable-network-policy.*', 'n1 k3s kubectl create -f .*tigera-operator.yaml', 'n2 k3s agent joined https://.*:6443 exec=agent --docker'",
    "microk8s, docker, '', 'n1 snap install microk8s --classic --channel=1.27/stable', 'n1 snap install microk8s .*', 'n2 microk8s join .*:25000/.* --worker'",
    "k0s, containerd, 'cni calico', 'n1 k0s install controller -c /etc/k0s/k0s.yaml config=provider:calico', 'n1 k0s start', 'n2 k0s install worker --token-file /etc/k0s/worker-token config=.*'",
  })
  void installsStopsStartsAndUninstallsOverSsh(
      String distro, String runtime, String cni, String server, String cniOrStart, String worker)
      throws Exception {
    String cluster =
        "hypervisor xen, mode: PV\n runtime " + runtime + "\n distro " + distro + "\n " + cni;
    Result r =
        run(
            file(
                1,
                List.of(2, 4),
                cluster,
                "install; idle 1.s; stopMaster; startMaster; uninstall"));
    assertEquals(0, r.exit(), r.out());
    List<String> events = nodes.events();
    // Server first, then both agents; stop and start on the master; workers leave before the
    // master.
    int serverAt = at(events, server);
    assertTrue(at(events, cniOrStart) >= serverAt, String.join("\n", events));
    int n2 = at(events, worker);
    int n4 = at(events, worker.replaceFirst("^n2", "n4"));
    assertTrue(n2 > serverAt && n4 > serverAt, String.join("\n", events));

    JsonNode run = r.manifest().get("runs").get(0);
    assertEquals("complete", run.get("status").asText());
    JsonNode master = run.get("nodes").get(nodes.address(1));
    assertEquals("xen", master.get("hypervisor").get("type").asText());
    assertEquals("PV", master.get("hypervisor").get("guest_type").asText());
    assertTrue(master.get("kernel").asText().startsWith("Linux "), master.toString());
    assertTrue(master.get("cpus").asInt() > 0, master.toString());
    assertFalse(master.get("os").asText().isBlank(), master.toString());
    assertTrue(master.get("memory").asText().endsWith("kB"), master.toString());
    assertTrue(master.get(distro + " version").asText().contains("1.27.2"), master.toString());
    assertFalse(
        master.get(runtime + " version").asText().startsWith("(unknown"), master.toString());

    // No token appears in any log or result file; where one was printed, the log says so.
    List<String> tokens = nodes.tokens();
    assertFalse(tokens.isEmpty());
    try (Stream<Path> files = Files.walk(r.dir())) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(p);
        for (String t : tokens) assertFalse(text.contains(t), p + " holds a join token");
      }
    }
    String masterLog = r.nodeLog(nodes.address(1));
    assertTrue(masterLog.contains(dev.kexp.runtime.control.Redactor.MARK), masterLog);
    assertTrue(r.nodeLog(nodes.address(2)).contains("-- # "), "commands are logged");
    assertTrue(masterLog.contains("lines of output not logged"), "the kubeconfig is not logged");

    // Each node's own time of each of its steps is recorded.
    String runEvents = Files.readString(r.run().resolve("events.jsonl"));
    for (int n : List.of(1, 2, 4))
      assertTrue(
          runEvents.matches(
              "(?s).*\"event\":\"node-step\".*\"node\":\""
                  + java.util.regex.Pattern.quote(nodes.address(n))
                  + "\".*"),
          runEvents);
    // Sampled over SSH: every node has rows.
    String csv = Files.readString(r.run().resolve("nodes.csv"));
    for (int n : List.of(1, 2, 4)) assertTrue(csv.contains(nodes.address(n)), csv);
  }

  /**
   * The fakes refuse what the real tools refuse, so a lifecycle that does not undo its join (no
   * drainWorkers) fails in its second repetition, at the join, with the tool's own words.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "kubeadm, '/etc/kubernetes/kubelet.conf already exists'",
    "microk8s, 'This node is already part of a cluster'",
    "k0s, 'Init already exists'",
  })
  void aRepetitionThatDidNotUndoTheJoinIsRefusedAsTheRealToolRefusesIt(
      String distro, String refusal) throws Exception {
    String text =
        file(
                1,
                List.of(2),
                "runtime containerd\n distro " + distro,
                "startMaster; addWorkers; stopMaster")
            .replace("phases {", "setup { install }\n    phases {")
            .replaceFirst("\\}\\s*$", "    repeat 2\n}\n");
    Result r = run(text);
    assertEquals(1, r.exit(), r.out());
    JsonNode runs = r.manifest().get("runs");
    assertEquals("complete", runs.get(0).get("status").asText(), runs.toString());
    assertEquals("failed", runs.get(1).get("status").asText(), runs.toString());
    String error = runs.get(1).get("error").asText();
    assertTrue(error.contains("join the " + distro + " cluster"), error);
    assertTrue(error.contains(refusal), error);
  }

  @Test
  void aFailedJoinFailsTheRunNamingNodeStepStatusAndStderrAndCancelsTheOtherJoin()
      throws Exception {
    // --keep-on-failure: the cluster is left as the failure left it, for a look.
    root(4, "echo join > /etc/kexp-test-fail");
    root(2, "echo join > /etc/kexp-test-hang");
    long t0 = System.nanoTime();
    Result r =
        run(
            file(
                1,
                List.of(2, 4),
                "runtime containerd\n distro kubeadm",
                "install; idle 1.s; uninstall"),
            "--keep-on-failure");
    double took = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, r.exit(), r.out());
    JsonNode run = r.manifest().get("runs").get(0);
    assertEquals("failed", run.get("status").asText());
    String error = run.get("error").asText();
    assertTrue(error.contains("join the cluster on worker " + nodes.address(4)), error);
    assertTrue(error.contains("`kubeadm join <redacted> --cri-socket"), error);
    assertTrue(error.contains("(as root) exited with status 1"), error);
    assertTrue(error.contains("exited with status 1"), error);
    assertTrue(error.contains("kubeadm: error: join failed on n4 (injected by the test)"), error);
    assertTrue(took < 30, "the hanging join was cancelled, took " + took + " s");
    SshNodes.assertNoProcess("sleep 3003");
    assertTrue(Files.readString(r.run().resolve("events.jsonl")).contains("\"error\""));
    assertTrue(Files.exists(r.dir().resolve("report.html")));
    assertFalse(String.join("\n", nodes.events()).contains("kubeadm reset"), "nothing after");
  }

  @Test
  void aFailedJoinIsFollowedByTheFilesUninstallSoTheNodesAreLeftClean() throws Exception {
    root(4, "echo join > /etc/kexp-test-fail");
    Result r =
        run(
            file(
                1,
                List.of(2, 4),
                "runtime containerd\n distro kubeadm",
                "install; idle 1.s; uninstall"));
    assertEquals(1, r.exit(), r.out());
    JsonNode run = r.manifest().get("runs").get(0);
    assertEquals("failed", run.get("status").asText());
    String error = run.get("error").asText();
    assertTrue(error.contains("join the cluster on worker " + nodes.address(4)), error);
    // The idle phase is skipped; the uninstall runs on every node, workers first.
    List<String> events = nodes.events();
    int master = at(events, "n1 kubeadm reset.*");
    assertTrue(at(events, "n2 kubeadm reset.*") < master, String.join("\n", events));
    assertTrue(at(events, "n4 kubeadm reset.*") < master, String.join("\n", events));
    for (int n : List.of(1, 2, 4)) {
      assertTrue(
          r.nodeLog(nodes.address(n)).contains("kubeadm reset -f"),
          "uninstall ran on " + nodes.address(n));
    }
    String log = Files.readString(r.run().resolve("events.jsonl"));
    assertTrue(log.contains("\"event\":\"teardown\""), log);
    assertTrue(log.contains("\"phase\":\"uninstall\""), log);
    assertFalse(log.contains("\"phase\":\"idle\""), log);
  }

  /**
   * A platform process left running is recorded per node and warned about, and the run goes on. The
   * test nodes share this machine's process table, so every node sees the one process.
   */
  @Test
  void aNodeThatStillRunsAPlatformProcessIsRecordedAndWarnedAbout() throws Exception {
    Path kubelet = Files.createDirectories(tmp.resolve("bin")).resolve("kubelet");
    Files.copy(Path.of("/bin/sleep"), kubelet);
    kubelet.toFile().setExecutable(true);
    Process left = new ProcessBuilder(kubelet.toString(), "60").start();
    try {
      Result r = run(file(1, List.of(2), "distro k3s", "idle 1.s"));
      assertEquals(0, r.exit(), r.out());
      String events = Files.readString(r.run().resolve("events.jsonl"));
      assertTrue(events.contains("\"event\":\"idle-check\""), events);
      assertTrue(events.contains("\"kubelet\":1"), events);
      assertTrue(
          events.contains(
              nodes.address(2) + " is not idle at the start of the run: it runs kubelet"),
          events);
      JsonNode facts = r.manifest().get("runs").get(0).get("nodes").get(nodes.address(1));
      assertEquals(1, facts.get("platform_processes").get("kubelet").asInt(), facts.toString());
    } finally {
      left.destroyForcibly().waitFor();
    }
    Result idle = run(file(1, List.of(2), "distro k3s", "idle 1.s"));
    assertEquals(0, idle.exit(), idle.out());
    String events = Files.readString(idle.run().resolve("events.jsonl"));
    assertTrue(events.contains("\"event\":\"idle-check\""), events);
    assertFalse(events.contains("is not idle"), events);
  }

  @Test
  void aNodeThatIsNotTheDeclaredHypervisorModeFailsTheRunUnlessOverridden() throws Exception {
    String text = file(1, List.of(3), "hypervisor xen, mode: PV\n distro k3s", "idle 1.s");
    Result r = run(text);
    assertEquals(1, r.exit(), r.out());
    String error = r.manifest().get("runs").get(0).get("error").asText();
    assertTrue(error.contains(nodes.address(3) + " is a Xen HVM guest, not PV"), error);
    assertFalse(error.contains(nodes.address(1) + " is"), error);
    assertTrue(error.contains("--ignore-hypervisor"), error);
    JsonNode found = r.manifest().get("runs").get(0).get("nodes").get(nodes.address(3));
    assertEquals("HVM", found.get("hypervisor").get("guest_type").asText());

    Result ignored = run(text, "--ignore-hypervisor");
    assertEquals(0, ignored.exit(), ignored.out());
    assertTrue(
        ignored.out().contains("warning: " + nodes.address(3) + " is a Xen HVM guest"),
        ignored.out());
  }

  @Test
  void unknownHostKeysFailTheRunUntilAcceptedWithTheFlag() throws Exception {
    Path known = tmp.resolve("known_hosts");
    String text = file(1, List.of(2), "distro k3s", "idle 1.s");
    Result strict = run(text, "--known-hosts", known.toString());
    assertEquals(1, strict.exit(), strict.out());
    String error = strict.manifest().get("runs").get(0).get("error").asText();
    assertTrue(error.contains("is unknown: ssh-ed25519 SHA256:"), error);
    Result accepted = run(text, "--known-hosts", known.toString(), "--accept-new-host-keys");
    assertEquals(0, accepted.exit(), accepted.out());
    assertEquals(2, Files.readAllLines(known).size());
  }

  private static void root(int n, String line) throws Exception {
    try (SshRemote r = new SshRemote(nodes.settings(n), NodeLog.discard("n" + n, new Redactor()))) {
      assertTrue(r.run(Remote.Command.root(line)).ok());
    }
  }
}
