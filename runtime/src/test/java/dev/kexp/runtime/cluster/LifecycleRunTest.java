package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.dsl.Kexp;
import dev.kexp.runtime.control.RecordingRemote;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.exec.Interpreter;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.Planner;
import dev.kexp.runtime.results.KubeEventsFile;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.runtime.results.ReplicasFile;
import dev.kexp.runtime.results.ResultsDir;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second seed's lifecycle as kexp runs it: a .kexp file, planned and interpreted, its
 * Kubernetes steps going through a {@link ClusterConnector} to the mock API server. Each phase is
 * an event with start and end in events.jsonl; replicas and Kubernetes events are recorded beside.
 */
@EnableKubernetesMockClient(crud = true)
class LifecycleRunTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path tmp;

  @Test
  void applyIdleDrainDeleteRunAsPhasesWithStartAndEnd() throws Exception {
    Path file = tmp.resolve("lifecycle.kexp");
    Files.writeString(
        file,
        """
        experiment 'lifecycle' {
            cluster { master 'node0'; workers 'w1', 'w2'; distro k3s }
            metrics { replicas 'nginx', namespace: 'kexp' }
            phases {
                apply deployment('nginx', image: 'nginx:1.14.2', replicas: 2)
                idle 1.s
                drainWorkers
                delete deployment('nginx')
            }
        }
        """);
    Kexp.Loaded loaded = Kexp.load(file);
    assertTrue(
        loaded.problems().stream().noneMatch(p -> p.isError()), loaded.problems().toString());
    Plan plan = Planner.plan(loaded.experiment(), "0".repeat(64), loaded.warnings());
    ResultsDir results = ResultsDir.create(tmp.resolve("results"), file, plan, "test");

    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, server, 50)) {
      kubelet.addNode("w1");
      kubelet.addNode("w2");
      // Pods are named nginx-1, nginx-2, ... as the kubelet creates them; drain evicts some.
      for (int i = 1; i <= 12; i++) kubelet.handleEvictions("kexp", "nginx-" + i);
      List<String> connected = new ArrayList<>();
      ClusterConnector connector =
          cluster -> {
            connected.add(cluster.master().host());
            return new ClusterConnector.Connection(MockKubeconfig.of(client), null, null);
          };
      // The nodes' own commands of drainWorkers: the worker leaves (K3s's killall script), the
      // master deletes its Node and lists what is left (the master only).
      Path bin = Files.createDirectories(tmp.resolve("bin"));
      Files.writeString(bin.resolve("k3s-killall.sh"), "#!/bin/sh\n");
      Files.writeString(
          bin.resolve("k3s"),
          "#!/bin/sh\ncase \"$2 $3\" in 'get nodes') echo 'node0 Ready control-plane 1m v1.27.2';;"
              + " esac\n");
      for (String p : List.of("k3s-killall.sh", "k3s")) bin.resolve(p).toFile().setExecutable(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Interpreter.Outcome outcome =
          new Interpreter(
                  plan,
                  results,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new AtomicBoolean(),
                  // The nodes' own steps (facts) run on this machine: there is no SSH node here.
                  new Interpreter.Options(
                      (cluster, node, log) -> new LocalRemote(node, List.of(bin)), false, 5),
                  connector)
              .run();

      assertEquals(Manifest.Status.COMPLETE, outcome.status(), outcome.error() + "\n" + out);
      assertEquals(List.of("node0"), connected, "one connection per run");
      assertTrue(kubelet.evictions().size() >= 2, kubelet.evictions().toString());
    }
    Path run = results.root().resolve(plan.runs().get(0).dir());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String l : Files.readAllLines(run.resolve("events.jsonl"))) events.add(json.readTree(l));
    List<String> phases =
        events.stream()
            .filter(e -> e.get("event").asText().startsWith("phase-"))
            .map(e -> e.get("event").asText() + " " + e.get("phase").asText())
            .toList();
    assertEquals(
        List.of(
            "phase-start apply",
            "phase-end apply",
            "phase-start idle",
            "phase-end idle",
            "phase-start drainWorkers",
            "phase-end drainWorkers",
            "phase-start delete",
            "phase-end delete"),
        phases);
    List<JsonNode> drained =
        events.stream().filter(e -> e.get("event").asText().equals("drained")).toList();
    assertEquals(List.of("w1", "w2"), drained.stream().map(e -> e.get("node").asText()).toList());
    long idleStart = time(events, "phase-start", "idle");
    long idleEnd = time(events, "phase-end", "idle");
    assertTrue(idleEnd - idleStart >= 1000, "idle lasted " + (idleEnd - idleStart) + " ms");
    List<String> replicas = Files.readAllLines(run.resolve(ReplicasFile.FILE));
    assertTrue(replicas.stream().anyMatch(l -> l.endsWith(",kexp,nginx,2,2")), replicas.toString());
    assertTrue(replicas.get(replicas.size() - 1).endsWith(",kexp,nginx,0,0"), replicas.toString());
    assertTrue(Files.exists(run.resolve(KubeEventsFile.FILE)));
  }

  @Test
  void kubernetesEventsAndReplicasAreRecordedFromTheInstallOnNotFromTheFirstKubernetesStep()
      throws Exception {
    Path file = tmp.resolve("install.kexp");
    Files.writeString(
        file,
        """
        experiment 'install' {
            cluster { master 'node0'; workers 'w1'; distro k3s }
            metrics { replicas 'coredns', namespace: 'kube-system' }
            phases {
                install
                idle 2.s
                apply deployment('nginx', image: 'nginx:1.14.2', replicas: 1)
            }
        }
        """);
    Kexp.Loaded loaded = Kexp.load(file);
    assertTrue(
        loaded.problems().stream().noneMatch(p -> p.isError()), loaded.problems().toString());
    Plan plan = Planner.plan(loaded.experiment(), "0".repeat(64), loaded.warnings());
    ResultsDir results = ResultsDir.create(tmp.resolve("results"), file, plan, "test");
    List<RecordingRemote.Call> calls = new ArrayList<>();
    List<String> connected = new ArrayList<>();
    ClusterConnector connector =
        cluster -> {
          connected.add(cluster.master().host());
          return new ClusterConnector.Connection(MockKubeconfig.of(client), null, null);
        };
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, server, 50)) {
      kubelet.addNode("w1");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Interpreter.Outcome outcome =
          new Interpreter(
                  plan,
                  results,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new AtomicBoolean(),
                  // The nodes record the install's commands; when w1 reports its k3s version (the
                  // last step of the install, after the kubeconfig), the cluster does what a fresh
                  // cluster does then: the node registers and the distribution's coredns rolls out.
                  new Interpreter.Options(
                      (cluster, node, log) ->
                          new InstallingNode(
                              new RecordingRemote(node, log, calls)
                                  .reply("node-token", "K10test::server:test"),
                              this::joined),
                      false,
                      5),
                  connector)
              .run();
      assertEquals(Manifest.Status.COMPLETE, outcome.status(), outcome.error() + "\n" + out);
    }
    assertEquals(List.of("node0"), connected, "one connection per run, made at install");
    Path run = results.root().resolve(plan.runs().get(0).dir());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String l : Files.readAllLines(run.resolve("events.jsonl"))) events.add(json.readTree(l));
    long applyStart = time(events, "phase-start", "apply");
    JsonNode registered =
        Files.readAllLines(run.resolve(KubeEventsFile.FILE)).stream()
            .map(l -> readTree(json, l))
            .filter(e -> "RegisteredNode".equals(e.get("reason").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the node's event during install is missing"));
    assertTrue(
        registered.get("epoch_ms").asLong() < applyStart, registered + " after " + applyStart);
    List<String> replicas = Files.readAllLines(run.resolve(ReplicasFile.FILE));
    assertTrue(
        replicas.stream()
            .filter(l -> l.contains(",kube-system,coredns,"))
            .anyMatch(l -> Long.parseLong(l.substring(0, l.indexOf(','))) < applyStart),
        "coredns rolled out during install: " + replicas + ", apply at " + applyStart);
  }

  /** What a freshly installed cluster does as its nodes come up. */
  private void joined() {
    String now = java.time.Instant.now().toString();
    client
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("w1.registered")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Node")
                .withName("w1")
                .endInvolvedObject()
                .withReason("RegisteredNode")
                .withType("Normal")
                .withMessage("Node w1 event: Registered Node w1 in Controller")
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace("kube-system")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("coredns")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("k8s-app", "kube-dns")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("k8s-app", "kube-dns")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("coredns")
                .withImage("rancher/mirrored-coredns-coredns:1.10.1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A node that records its commands and, on w1's version report, lets the cluster come up. */
  private static final class InstallingNode implements Remote {
    private final RecordingRemote node;
    private final Runnable joined;

    InstallingNode(RecordingRemote node, Runnable joined) {
      this.node = node;
      this.joined = joined;
    }

    @Override
    public String node() {
      return node.node();
    }

    @Override
    public CommandResult run(Command command) {
      if (node.node().equals("w1") && command.line().equals("k3s --version")) joined.run();
      return node.run(command);
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
      node.upload(content, path, mode);
    }

    @Override
    public void close() {
      node.close();
    }
  }

  private static long time(List<JsonNode> events, String event, String phase) {
    return events.stream()
        .filter(e -> e.get("event").asText().equals(event) && e.get("phase").asText().equals(phase))
        .findFirst()
        .orElseThrow()
        .get("epoch_ms")
        .asLong();
  }

  /** A kubeconfig for the mock server, as the SSH layer would hand one over. */
}
