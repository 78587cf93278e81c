package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.model.Mysql;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.runtime.workload.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MySQL for sysbench and manifest files, through {@link ClusterSteps} on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class ClusterStepsTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  @Test
  void mysqlIsADeploymentWithANodePortServiceAndGoesAwayCleanly() throws Exception {
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, server, 50);
        ClusterSteps steps =
            new ClusterSteps(
                new Kube(client, Duration.ofMillis(50)),
                "node0",
                dir,
                Duration.ofSeconds(10),
                (a, b) -> {})) {
      kubelet.addNode("w1");
      Mysql m = new Mysql("8.0", SourceRef.NONE);
      assertEquals("mysql://node0:30306", Workloads.of(m).deploy(steps, false));
      var d = client.apps().deployments().inNamespace("kexp").withName("mysql").get();
      var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertEquals("mysql:8.0", c.getImage());
      assertTrue(
          c.getEnv().stream()
              .anyMatch(
                  e -> e.getName().equals("MYSQL_DATABASE") && e.getValue().equals("sbtest")));
      assertTrue(c.getReadinessProbe().getExec().getCommand().get(2).startsWith("mysqladmin ping"));
      var s = client.services().inNamespace("kexp").withName("mysql").get();
      assertEquals("NodePort", s.getSpec().getType());
      assertEquals(30306, s.getSpec().getPorts().get(0).getNodePort());
      Workloads.of(m).remove(steps);
      assertNull(client.apps().deployments().inNamespace("kexp").withName("mysql").get());
      assertNull(client.services().inNamespace("kexp").withName("mysql").get());
      assertTrue(client.pods().inNamespace("kexp").list().getItems().isEmpty(), "pods waited for");
    }
  }

  @Test
  void aManifestFileIsAppliedWithItsRolloutAndDeleted() throws Exception {
    Path yaml = dir.resolve("web.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: 'nginx:1.14.2'}]}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-settings, namespace: default}
        data: {mode: fast}
        """);
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, server, 50);
        ClusterSteps steps =
            new ClusterSteps(
                new Kube(client, Duration.ofMillis(50)),
                "node0",
                dir,
                Duration.ofSeconds(10),
                (a, b) -> {})) {
      kubelet.addNode("w1");
      steps.startRecording();
      steps.apply(yaml);
      // apply returned after the rollout: both replicas were Ready already.
      var d = client.apps().deployments().inNamespace(client.getNamespace()).withName("web").get();
      assertEquals(2, d.getStatus().getReadyReplicas());
      assertEquals(
          "fast",
          client
              .configMaps()
              .inNamespace("default")
              .withName("web-settings")
              .get()
              .getData()
              .get("mode"));
      steps.delete(yaml);
      assertNull(
          client.apps().deployments().inNamespace(client.getNamespace()).withName("web").get());
      assertNull(client.configMaps().inNamespace("default").withName("web-settings").get());
    }
  }
}
