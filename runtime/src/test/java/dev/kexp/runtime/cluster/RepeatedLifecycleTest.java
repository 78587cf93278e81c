package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.dsl.Kexp;
import dev.kexp.runtime.control.SshNodes;
import dev.kexp.runtime.exec.Interpreter;
import dev.kexp.runtime.exec.Remotes;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.Planner;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.runtime.results.ResultsDir;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The second paper's lifecycle, repeated on the same nodes: installed once in {@code setup}, then
 * three times start master, add workers (one at a time), apply and delete a Deployment, drain the
 * workers and stop the master, then uninstalled once in {@code teardown}. The nodes are real SSH
 * servers whose distribution tools are stateful fakes ({@link SshNodes}) that refuse what the real
 * ones refuse (a second init or join, a join on a stopped or joined MicroK8s, a k0s reset while it
 * runs), so a repetition that did not undo the previous one fails. The Deployment and the drain go
 * to the fabric8 mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class RepeatedLifecycleTest {
  KubernetesMockServer server;
  KubernetesClient client;
  static SshNodes nodes;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    nodes = SshNodes.get();
  }

  @BeforeEach
  void clean() throws Exception {
    nodes.reset();
  }

  static final List<String> INSTALLS =
      List.of("apt-get install", "snap install", "get.k3s.io", "get.k0s.sh", "curl ");

  /**
   * @param start the event of the master's start
   * @param join a worker's join
   * @param leave a worker's leaving
   * @param stop the master's stop
   */
  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "kubeadm, containerd, 'kubeadm init .*', 'kubeadm join .*', 'kubeadm reset', 'kubeadm reset'",
    "kubeadm, docker, 'kubeadm init .*', 'kubeadm join .*', 'kubeadm reset', 'kubeadm reset'",
    "k3s, containerd, 'k3s server started .*', 'k3s agent joined .*', 'k3s killall', 'k3s killall'",
    "k3s, docker, 'k3s server started .*--docker.*', 'k3s agent joined .*--docker', 'k3s killall', 'k3s killall'",
    "microk8s, containerd, 'microk8s start', 'microk8s join .*', 'microk8s leave', 'microk8s stop'",
    "microk8s, docker, 'microk8s start', 'microk8s join .*', 'microk8s leave', 'microk8s stop'",
    "k0s, containerd, 'k0s start', 'k0s install worker .*', 'k0s reset', 'k0s stop'",
    "k0s, docker, 'k0s start', 'k0s install worker .*--cri-socket.*', 'k0s reset', 'k0s stop'",
  })
  void threeRepetitionsOnTheSameNodesEachStartFromIdleNodes(
      String distro, String runtime, String start, String join, String leave, String stop)
      throws Exception {
    Path file = tmp.resolve("lifecycle.kexp");
    Files.writeString(
        file,
        """
        experiment 'lifecycle' {
            cluster {
                master '%s'
                workers '%s', '%s', '%s'
                ssh user: '%s', key: '%s', port: %d
                runtime %s
                distro %s
            }
            setup { install }
            phases {
                idle 1.s
                startMaster
                addWorkers
                apply deployment('nginx', image: 'nginx:1.14.2', replicas: 3)
                delete deployment('nginx')
                drainWorkers
                stopMaster
            }
            teardown { uninstall }
            repeat 3
        }
        """
            .formatted(
                nodes.address(1),
                nodes.address(2),
                nodes.address(3),
                nodes.address(4),
                SshNodes.USER,
                nodes.key("ed25519"),
                SshNodes.PORT,
                runtime,
                distro));
    Kexp.Loaded loaded = Kexp.load(file);
    assertTrue(
        loaded.problems().stream().noneMatch(p -> p.isError()), loaded.problems().toString());
    Plan plan = Planner.plan(loaded.experiment(), "0".repeat(64), loaded.warnings());

    // Nothing is installed inside a repetition: joins and starts use what setup installed.
    for (RunPlan run : plan.runs()) {
      for (Step s : run.steps()) {
        if (!(s instanceof Step.OnNode n) || n.phase().equals("setup")) continue;
        if (n.phase().equals("teardown")) continue;
        for (var c : n.commands())
          for (String install : INSTALLS)
            assertFalse(c.line().contains(install), n.phase() + " installs: " + c.line());
      }
    }

    ResultsDir results = ResultsDir.create(tmp.resolve("results"), file, plan, "test");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interpreter.Outcome outcome;
    AtomicBoolean done = new AtomicBoolean();
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, server, 20)) {
      // The API server's Nodes follow the fakes' cluster: a node registers when it joins and is
      // gone when the master deletes it, so a node that joins again is a new, schedulable Node.
      Thread mirror = new Thread(() -> mirrorNodes(kubelet, done), "node-mirror");
      mirror.start();
      outcome =
          new Interpreter(
                  plan,
                  results,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new AtomicBoolean(),
                  new Interpreter.Options(Remotes.ssh(false, nodes.knownHosts), false, 5),
                  mockConnector())
              .run();
      done.set(true);
      mirror.join();
    }
    String events = String.join("\n", nodes.events());
    assertEquals(Manifest.Status.COMPLETE, outcome.status(), outcome.error() + "\n" + events);

    // Per node, in order: each repetition undid the one before (the fakes refuse otherwise).
    List<String> master = on(1);
    assertEquals(3, count(master, start), String.join("\n", master));
    assertAlternate(master, start, stop);
    for (int n = 2; n <= 4; n++) {
      List<String> worker = on(n);
      assertEquals(3, count(worker, join), String.join("\n", worker));
      assertAlternate(worker, join, leave);
      assertEquals(
          3,
          count(master, "\\S+( kubectl)? delete node " + Pattern.quote(nodes.address(n)))
              + count(master, "microk8s remove-node " + Pattern.quote(nodes.address(n))),
          master.toString());
    }
    // Installed once, before the first start, on every node.
    int firstStart = indexOf(nodes.events(), "n1 " + start);
    for (int i = firstStart; i < nodes.events().size(); i++) {
      String e = nodes.events().get(i);
      assertFalse(
          e.matches("n\\d (apt-get install|snap install|k3s installed, not started).*"),
          "installed inside a repetition: " + e);
    }
    // Workers join one at a time: each join after the previous worker's.
    List<String> all = nodes.events();
    for (int rep = 0; rep < 3; rep++) {
      int n2 = nth(all, "n2 " + join, rep);
      int n3 = nth(all, "n3 " + join, rep);
      int n4 = nth(all, "n4 " + join, rep);
      assertTrue(n2 < n3 && n3 < n4, "joins out of order in repetition " + (rep + 1));
    }

    // Every repetition found its nodes idle, and recorded so.
    ObjectMapper json = new ObjectMapper();
    for (RunPlan run : plan.runs()) {
      Path dir = results.root().resolve(run.dir());
      List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
      List<JsonNode> checks = new ArrayList<>();
      for (String l : lines) {
        JsonNode e = json.readTree(l);
        if (e.get("event").asText().equals("idle-check")) checks.add(e);
      }
      assertEquals(1, checks.size(), lines.toString());
      assertFalse(String.join("\n", lines).contains("is not idle"), String.join("\n", lines));
      List<String> phases =
          lines.stream()
              .map(l -> readTree(json, l))
              .filter(e -> e.get("event").asText().equals("phase-end"))
              .map(e -> e.get("phase").asText())
              .distinct()
              .toList();
      assertTrue(
          phases.containsAll(
              List.of(
                  "idle",
                  "startMaster",
                  "addWorkers",
                  "apply",
                  "delete",
                  "drainWorkers",
                  "stopMaster")),
          phases.toString());
    }
    // The teardown left nothing: no node runs a platform process, the cluster has no node.
    for (int n = 1; n <= 4; n++) assertEquals("", nodes.simulatedProcesses(n), "n" + n);
    assertEquals("", Files.readString(nodes.shared_.resolve("nodes")).strip());
  }

  private void mirrorNodes(SimulatedKubelet kubelet, AtomicBoolean done) {
    while (!done.get()) {
      try {
        Set<String> registered = new HashSet<>();
        for (String l : Files.readAllLines(nodes.shared_.resolve("nodes"))) {
          String[] f = l.split(" ");
          if (f.length == 2) registered.add(f[0]);
        }
        Set<String> inApi = new HashSet<>();
        client.nodes().list().getItems().forEach(n -> inApi.add(n.getMetadata().getName()));
        for (String n : registered) if (!inApi.contains(n)) kubelet.addNode(n);
        for (String n : inApi) if (!registered.contains(n)) client.nodes().withName(n).delete();
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // A file being replaced or a request refused: the next round sees it.
      }
    }
  }

  private ClusterConnector mockConnector() {
    return cluster -> new ClusterConnector.Connection(MockKubeconfig.of(client), null, null);
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> on(int n) throws Exception {
    String prefix = "n" + n + " ";
    return nodes.events().stream()
        .filter(e -> e.startsWith(prefix))
        .map(e -> e.substring(prefix.length()))
        .toList();
  }

  private static long count(List<String> events, String regex) {
    return events.stream().filter(e -> e.matches(regex)).count();
  }

  private static int indexOf(List<String> events, String regex) {
    for (int i = 0; i < events.size(); i++) if (events.get(i).matches(regex)) return i;
    throw new AssertionError("no " + regex + " in\n" + String.join("\n", events));
  }

  private static int nth(List<String> events, String regex, int k) {
    int seen = 0;
    for (int i = 0; i < events.size(); i++)
      if (events.get(i).matches(regex) && seen++ == k) return i;
    throw new AssertionError("fewer than " + (k + 1) + " of " + regex);
  }

  /**
   * From the first event matching {@code first} on, the events matching {@code first} and {@code
   * then} alternate and end with {@code then}: every start (or join) is undone before the next and
   * after the last. A {@code then} before the first {@code first} (MicroK8s's install ends with a
   * stop) and after the last (the teardown's own) does not count.
   */
  private static void assertAlternate(List<String> events, String first, String then) {
    List<Boolean> seq = new ArrayList<>();
    for (String e : events) {
      if (e.matches(first)) seq.add(true);
      else if (e.matches(then) && !seq.isEmpty()) seq.add(false);
    }
    assertFalse(seq.isEmpty(), "no " + first + " in " + events);
    for (int i = 1; i < seq.size(); i++)
      assertFalse(seq.get(i) && seq.get(i - 1), first + " twice in a row: " + events);
    assertFalse(seq.get(seq.size() - 1), "the last " + first + " is not undone: " + events);
  }
}
