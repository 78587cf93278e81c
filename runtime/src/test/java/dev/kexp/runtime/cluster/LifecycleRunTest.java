package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.dsl.Kexp;
import dev.kexp.runtime.exec.Interpreter;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.Planner;
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
            return new ClusterConnector.Connection(kubeconfig(), null, null);
          };
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Interpreter.Outcome outcome =
          new Interpreter(
                  plan,
                  loaded.experiment(),
                  results,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new AtomicBoolean(),
                  // The nodes' own steps (facts) run on this machine: there is no SSH node here.
                  new Interpreter.Options(
                      (cluster, node, log) -> new dev.kexp.runtime.control.LocalRemote(node, log),
                      false,
                      5),
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
    List<String> replicas = Files.readAllLines(run.resolve(ReplicaSeries.FILE));
    assertTrue(replicas.stream().anyMatch(l -> l.endsWith(",kexp,nginx,2,2")), replicas.toString());
    assertTrue(replicas.get(replicas.size() - 1).endsWith(",kexp,nginx,0,0"), replicas.toString());
    assertTrue(Files.exists(run.resolve(EventRecorder.FILE)));
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
  private String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: '%s', insecure-skip-tls-verify: true}
        users:
        - name: kexp
          user: {token: test}
        contexts:
        - name: mock
          context: {cluster: mock, user: kexp}
        current-context: mock
        """
        .formatted(client.getMasterUrl());
  }
}
