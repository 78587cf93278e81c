package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.model.SourceRef;
import dev.kexp.runtime.results.KubeEventsFile;
import dev.kexp.runtime.results.ReplicasFile;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes operations against fabric8's mock API server in CRUD mode, with {@link
 * SimulatedKubelet} playing the controllers and kubelet.
 */
@EnableKubernetesMockClient(crud = true)
class KubeTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  Kube kube;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    kubelet = new SimulatedKubelet(client, server, 100);
    kubelet.addNode("w1");
    kubelet.addNode("w2");
    kube = new Kube(client, Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    kubelet.close();
  }

  private static dev.kexp.dsl.model.Deployment nginx(int replicas, String image) {
    return new dev.kexp.dsl.model.Deployment("nginx", image, replicas, 80, SourceRef.NONE);
  }

  @Test
  void appliesADeploymentAndWaitsForItsRollout() {
    List<HasMetadata> objects = Manifests.deployment(nginx(3, "nginx:1.14.2"), "bench", true);
    kube.apply(objects);
    Deployment d = kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5));
    assertEquals(3, d.getStatus().getReadyReplicas());
    assertEquals(
        3,
        client.pods().inNamespace("bench").withLabel("app", "nginx").list().getItems().stream()
            .filter(Kube::isReady)
            .count());
    assertEquals(
        "NodePort",
        client.services().inNamespace("bench").withName("nginx").get().getSpec().getType());
    // Applying the same objects again converges instead of failing with "already exists".
    kube.apply(Manifests.deployment(nginx(4, "nginx:1.14.2"), "bench", true));
    assertEquals(
        4,
        kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5)).getStatus().getReadyReplicas());
  }

  @Test
  void aRolloutThatTimesOutSaysWhichPodIsStuckAndWhy() {
    kube.apply(Manifests.deployment(nginx(2, "missing/nginx:9.9"), "bench", false));
    long start = System.nanoTime();
    KubeException e =
        assertThrows(
            KubeException.class, () -> kube.awaitRollout("bench", "nginx", Duration.ofSeconds(1)));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 1000 && ms < 4000, "took " + ms + " ms");
    String m = e.getMessage();
    assertTrue(
        m.startsWith(
            "deployment bench/nginx not rolled out after 1 s: 0/2 replicas ready; not ready: nginx-"),
        m);
    assertTrue(
        m.contains(
            "Pending, container nginx waiting: ImagePullBackOff (Back-off pulling image \"missing/nginx:9.9\")"),
        m);
  }

  @Test
  void appliesTheObjectsOfAYamlFile() throws Exception {
    Path yaml = dir.resolve("web.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: web
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: hello
          namespace: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: hello}
          template:
            metadata:
              labels: {app: hello}
            spec:
              containers:
              - name: hello
                image: nginx:1.14.2
        """);
    List<HasMetadata> objects = kube.load(yaml);
    assertEquals(
        List.of("Namespace", "Deployment"), objects.stream().map(HasMetadata::getKind).toList());
    kube.apply(objects);
    assertEquals(
        2, kube.awaitRollout("web", "hello", Duration.ofSeconds(5)).getStatus().getReadyReplicas());
    kube.delete(objects);
    assertNull(client.apps().deployments().inNamespace("web").withName("hello").get());
    assertNull(client.namespaces().withName("web").get());
  }

  @Test
  void deletesADeploymentAndWaitsUntilItsPodsAreGone() {
    kube.apply(Manifests.deployment(nginx(3, "nginx:1.14.2"), "bench", false));
    kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5));
    kube.deleteDeployment("bench", "nginx", Duration.ofSeconds(5));
    assertNull(client.apps().deployments().inNamespace("bench").withName("nginx").get());
    assertEquals(
        0, client.pods().inNamespace("bench").withLabel("app", "nginx").list().getItems().size());
  }

  @Test
  void waitingForADeletedNamespaceEndsWhenItIsGoneAndTimesOutWhenItIsNot() {
    kube.apply(List.of(Manifests.namespace("gone"), Manifests.namespace("stays")));
    client.namespaces().withName("gone").delete();
    kube.awaitNamespaceGone("gone", Duration.ofSeconds(2));
    KubeException e =
        assertThrows(
            KubeException.class, () -> kube.awaitNamespaceGone("stays", Duration.ofMillis(300)));
    assertTrue(
        e.getMessage().startsWith("namespace stays still exists after 300 ms"), e.getMessage());
  }

  @Test
  void drainEvictsThroughThePdbSkipsDaemonSetPodsAndWaitsForEachEviction() {
    // Three replicas on w1, a budget that keeps two available: after the first eviction, the next
    // is refused (429) until the evicted pod's replacement is Ready on w2.
    kubelet.close();
    client
        .nodes()
        .withName("w2")
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              return n;
            });
    kubelet = new SimulatedKubelet(client, server, 100);
    kube.apply(Manifests.deployment(nginx(3, "nginx:1.14.2"), "bench", false));
    kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5));
    kube.uncordon("w2");
    client
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace("bench")
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("nginx")
                .withNamespace("bench")
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(2))
                .withNewSelector()
                .addToMatchLabels("app", "nginx")
                .endSelector()
                .endSpec()
                .build())
        .create();
    Pod agent =
        new PodBuilder()
            .withNewMetadata()
            .withName("node-agent-w1")
            .withNamespace("kube-system")
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withKind("DaemonSet")
                    .withName("node-agent")
                    .withApiVersion("apps/v1")
                    .withUid("u")
                    .build())
            .endMetadata()
            .withNewSpec()
            .withNodeName("w1")
            .addNewContainer()
            .withName("a")
            .withImage("agent:1")
            .endContainer()
            .endSpec()
            .build();
    client.resource(agent).create();
    List<Pod> onW1 = podsOn("w1");
    assertEquals(4, onW1.size());
    for (Pod p : onW1)
      kubelet.handleEvictions(p.getMetadata().getNamespace(), p.getMetadata().getName());

    List<String> evicted = kube.drain("w1", Duration.ofSeconds(10));

    assertEquals(3, evicted.size(), evicted.toString());
    assertEquals(evicted, kubelet.evictions());
    assertTrue(client.nodes().withName("w1").get().getSpec().getUnschedulable());
    assertEquals(
        List.of("node-agent-w1"),
        podsOn("w1").stream().map(p -> p.getMetadata().getName()).toList());
    // drain ends when the evicted pods are gone; their replacements come up on w2 after it.
    kube.awaitPodsReady("bench", Map.of("app", "nginx"), 3, Duration.ofSeconds(5));
    assertEquals(3, podsOn("w2").stream().filter(Kube::isReady).count());
    // The budget refused at least one eviction, and drain retried it until it was accepted.
    assertTrue(kubelet.refusals() > 0, "no eviction was ever refused");
    kube.uncordon("w1");
    assertNull(client.nodes().withName("w1").get().getSpec().getUnschedulable());
  }

  @Test
  void aDrainABudgetBlocksTimesOutNamingThePod() {
    kube.apply(Manifests.deployment(nginx(1, "nginx:1.14.2"), "bench", false));
    kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5));
    Pod p = client.pods().inNamespace("bench").list().getItems().get(0);
    String node = p.getSpec().getNodeName();
    client
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace("bench")
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("nginx")
                .withNamespace("bench")
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(1))
                .withNewSelector()
                .addToMatchLabels("app", "nginx")
                .endSelector()
                .endSpec()
                .build())
        .create();
    kubelet.handleEvictions("bench", p.getMetadata().getName());
    KubeException e =
        assertThrows(KubeException.class, () -> kube.drain(node, Duration.ofMillis(500)));
    assertEquals(
        "drain of node "
            + node
            + " timed out after 500 ms; not evicted: bench/"
            + p.getMetadata().getName()
            + " (eviction refused by a PodDisruptionBudget (429))",
        e.getMessage());
    assertTrue(kubelet.evictions().isEmpty());
    assertTrue(kubelet.refusals() >= 2, "drain retried a refused eviction");
  }

  @Test
  void theInformerWritesTheReplicaSeriesAsTheDeploymentChanges() throws Exception {
    try (ReplicaSeries series = new ReplicaSeries(client, dir)) {
      series.watch("bench", "nginx", null);
      kube.apply(Manifests.deployment(nginx(2, "nginx:1.14.2"), "bench", false));
      kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5));
      client.apps().deployments().inNamespace("bench").withName("nginx").scale(4);
      kube.awaitRollout("bench", "nginx", Duration.ofSeconds(5));
      awaitLine(dir.resolve(ReplicasFile.FILE), ",bench,nginx,4,4");
    }
    List<String> lines = Files.readAllLines(dir.resolve(ReplicasFile.FILE));
    assertEquals("epoch_ms,namespace,name,desired,ready", lines.get(0));
    List<String> counts = lines.stream().skip(1).map(l -> l.substring(l.indexOf(',') + 1)).toList();
    // Desired first, ready catching up pod by pod, then the scale to 4; no repeated rows.
    assertEquals("bench,nginx,2,0", counts.get(0));
    assertTrue(counts.contains("bench,nginx,2,2"), counts.toString());
    assertTrue(
        counts.indexOf("bench,nginx,4,2") > counts.indexOf("bench,nginx,2,2"), counts.toString());
    assertEquals("bench,nginx,4,4", counts.get(counts.size() - 1));
    for (int i = 1; i < counts.size(); i++) assertFalse(counts.get(i).equals(counts.get(i - 1)));
    long[] times =
        lines.stream()
            .skip(1)
            .mapToLong(l -> Long.parseLong(l.substring(0, l.indexOf(','))))
            .toArray();
    for (int i = 1; i < times.length; i++) assertTrue(times[i] >= times[i - 1]);
  }

  @Test
  void recordsTheEventsOfTheRunAndNotOlderOnes() throws Exception {
    String old = Instant.now().minusSeconds(3600).toString();
    client.v1().events().inNamespace("bench").resource(event("old", "Pulled", old)).create();
    try (EventRecorder r = new EventRecorder(client, dir)) {
      client
          .v1()
          .events()
          .inNamespace("bench")
          .resource(event("e1", "FailedScheduling", Instant.now().toString()))
          .create();
      client
          .v1()
          .events()
          .inNamespace("kube-system")
          .resource(event("e2", "Evicted", null))
          .create();
      awaitLine(dir.resolve(KubeEventsFile.FILE), "\"reason\":\"Evicted\"");
    }
    List<String> lines = Files.readAllLines(dir.resolve(KubeEventsFile.FILE));
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .contains(
                "\"namespace\":\"bench\",\"kind\":\"Pod\",\"name\":\"nginx-1\",\"reason\":\"FailedScheduling\",\"type\":\"Warning\",\"message\":\"0/2 nodes are available\""),
        lines.get(0));
    assertTrue(lines.get(1).contains("\"namespace\":\"kube-system\""), lines.get(1));
  }

  private static io.fabric8.kubernetes.api.model.Event event(
      String name, String reason, String last) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withName("nginx-1")
        .endInvolvedObject()
        .withReason(reason)
        .withType("Warning")
        .withMessage("0/2 nodes are available")
        .withCount(1)
        .withLastTimestamp(last)
        .build();
  }

  private List<Pod> podsOn(String node) {
    return client.pods().inAnyNamespace().list().getItems().stream()
        .filter(p -> node.equals(p.getSpec().getNodeName()))
        .toList();
  }

  static void awaitLine(Path file, String part) throws Exception {
    long end = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < end) {
      if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> l.contains(part)))
        return;
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no line with "
            + part
            + " in "
            + (Files.exists(file) ? Files.readString(file) : "(no file)"));
  }

  @Test
  void aKubeconfigBuildsAClientForItsServer() {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: 'https://127.0.0.1:6443', insecure-skip-tls-verify: true}
        users:
        - name: u
          user: {token: abc}
        contexts:
        - name: x
          context: {cluster: c, user: u}
        current-context: x
        """;
    try (Kube k = Kube.fromKubeconfig(kubeconfig)) {
      assertEquals("https://127.0.0.1:6443/", k.client().getConfiguration().getMasterUrl());
      assertNotNull(k.client().getConfiguration().getAutoOAuthToken());
    }
  }
}
