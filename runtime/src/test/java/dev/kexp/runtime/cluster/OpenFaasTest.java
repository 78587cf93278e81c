package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.Kexp;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.FaasFunction;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.control.Remote.Command;
import dev.kexp.runtime.exec.NodeSteps;
import dev.kexp.runtime.exec.steps.HelmRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.ReplicasFile;
import dev.kexp.runtime.workload.WorkloadDriver;
import dev.kexp.runtime.workload.Workloads;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.workload.OpenFaasHelm;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenFaaS: Helm commands run through a {@link LocalRemote} (a helm on its PATH records the
 * arguments it receives, so quoting is checked through a real shell), the gateway's REST API
 * against {@link FakeGateway}, and the whole deploy and removal through {@link ClusterSteps} on the
 * mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class OpenFaasTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;
  Path bin;
  Path helmLog;
  LocalRemote master;
  SimulatedKubelet kubelet;
  Kube kube;

  @BeforeEach
  void setUp() throws Exception {
    bin = Files.createDirectories(dir.resolve("bin"));
    helmLog = dir.resolve("helm.log");
    Path helm = bin.resolve("helm");
    Files.writeString(
        helm,
        "#!/bin/sh\n"
            + "for a in \"$@\"; do printf '[%s]' \"$a\" >> '"
            + helmLog
            + "'; done; echo >> '"
            + helmLog
            + "'\n"
            + "if [ \"$1\" = upgrade ] && [ -e '"
            + dir.resolve("fail")
            + "' ]; then echo 'Error: INSTALLATION FAILED: context deadline exceeded' >&2; exit 1; fi\n"
            + "if [ \"$1\" = list ]; then echo '[{\"name\":\"openfaas\",\"chart\":\"openfaas-14.2.0\"}]'; fi\n"
            + "if [ \"$1\" = version ]; then echo 'v3.11.0+g472c573'; fi\n");
    // Helm's install script, as curl would fetch it: it records the release it was asked for.
    Path curl = bin.resolve("curl");
    Files.writeString(
        curl,
        "#!/bin/sh\necho 'echo \"$DESIRED_VERSION\" > " + dir.resolve("installed-helm") + "'\n");
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));
    master = new LocalRemote("node0", List.of(bin));
    kubelet = new SimulatedKubelet(client, server, 100);
    kubelet.addNode("node1");
    kube = new Kube(client, Duration.ofMillis(50));
  }

  @AfterEach
  void tearDown() {
    kubelet.close();
  }

  /** Runs planned commands on the master as a run does (NodeSteps); returns the last output. */
  String run(List<Cmd> commands) throws Exception {
    String last = "";
    Map<String, String> values = new HashMap<>();
    for (Cmd c : commands)
      last =
          NodeSteps.run("helm", c, master, NodeLog.discard("node0", new Redactor()), values, false);
    return last;
  }

  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void helmInstallsTheChartThatShipsTheGatewayVersionAsTheReadmeSays() throws Exception {
    String k3s = "/etc/rancher/k3s/k3s.yaml";
    String release = run(OpenFaasHelm.install(k3s, "0.27.14", null, FIVE_MINUTES));
    assertEquals("[{\"name\":\"openfaas\",\"chart\":\"openfaas-14.2.0\"}]", release.strip());
    List<String> lines = master.commands().stream().map(Command::line).toList();
    assertEquals(
        List.of(
            "helm repo add openfaas 'https://openfaas.github.io/faas-netes/' --force-update --kubeconfig '/etc/rancher/k3s/k3s.yaml'",
            "helm repo update openfaas --kubeconfig '/etc/rancher/k3s/k3s.yaml'",
            "helm upgrade openfaas openfaas/openfaas --install --namespace openfaas --create-namespace"
                + " --version '15.0.13' --set functionNamespace=openfaas-fn --set generateBasicAuth=true"
                + " --set gateway.nodePort=31112 --set 'gateway.image=ghcr.io/openfaas/gateway:0.27.14'"
                + " --wait --timeout 300s --kubeconfig '/etc/rancher/k3s/k3s.yaml'",
            "helm list --namespace openfaas --output json --kubeconfig '/etc/rancher/k3s/k3s.yaml'"),
        lines);
    assertTrue(master.commands().stream().allMatch(Command::sudo));
    // What helm itself received, argument by argument, after the shell.
    List<String> argv = Files.readAllLines(helmLog);
    assertEquals(
        "[upgrade][openfaas][openfaas/openfaas][--install][--namespace][openfaas][--create-namespace]"
            + "[--version][15.0.13][--set][functionNamespace=openfaas-fn][--set][generateBasicAuth=true]"
            + "[--set][gateway.nodePort=31112][--set][gateway.image=ghcr.io/openfaas/gateway:0.27.14]"
            + "[--wait][--timeout][300s][--kubeconfig][/etc/rancher/k3s/k3s.yaml]",
        argv.get(2));
    run(OpenFaasHelm.uninstall(k3s, FIVE_MINUTES));
    assertEquals(
        "[uninstall][openfaas][--namespace][openfaas][--ignore-not-found][--wait][--timeout][300s][--kubeconfig][/etc/rancher/k3s/k3s.yaml]",
        Files.readAllLines(helmLog).get(4));
  }

  @Test
  void theRequestedHelmReleaseIsKeptWhenTheMasterHasIt() throws Exception {
    run(OpenFaasHelm.install(null, "0.27.14", "3.11.0", FIVE_MINUTES));
    assertTrue(master.commands().get(0).line().startsWith("if helm version --short"));
    assertEquals("[version][--short]", Files.readAllLines(helmLog).get(0));
    assertFalse(Files.exists(dir.resolve("installed-helm")), "Helm's script did not run");
    assertTrue(master.commands().get(1).line().startsWith("helm repo add openfaas"));
  }

  @Test
  void anotherHelmReleaseOnTheMasterIsReplacedByHelmsOwnScript() throws Exception {
    run(OpenFaasHelm.install(null, "0.27.14", "3.12.3", FIVE_MINUTES));
    assertTrue(
        master.commands().get(0).line().contains(OpenFaasHelm.GET_HELM),
        master.commands().get(0).line());
    assertEquals("v3.12.3", Files.readString(dir.resolve("installed-helm")).strip());
  }

  @Test
  void aGatewayWithoutAVerifiedChartGetsTheNewestChartWithItsImagePinned() throws Exception {
    run(OpenFaasHelm.install(null, "0.26.3", null, FIVE_MINUTES));
    String upgrade = master.commands().get(2).line();
    assertFalse(upgrade.contains("--version"), upgrade);
    assertTrue(upgrade.contains("--set 'gateway.image=ghcr.io/openfaas/gateway:0.26.3'"), upgrade);
  }

  @Test
  void theFirstSeedsGatewayGetsTheNewestChartThatShipsIt() throws Exception {
    run(OpenFaasHelm.install(null, "0.26.4", null, FIVE_MINUTES));
    String upgrade = master.commands().get(2).line();
    assertTrue(upgrade.contains("--version '14.0.0'"), upgrade);
    assertTrue(upgrade.contains("--set 'gateway.image=ghcr.io/openfaas/gateway:0.26.4'"), upgrade);
  }

  @Test
  void aVerifiedChartGetsTheGatewayImageItsValuesName() throws Exception {
    // Charts of 2020 pulled the gateway from Docker Hub, not ghcr.io.
    run(OpenFaasHelm.install(null, "0.18.17", null, FIVE_MINUTES));
    String upgrade = master.commands().get(2).line();
    assertTrue(upgrade.contains("--version '5.8.0'"), upgrade);
    assertTrue(upgrade.contains("--set 'gateway.image=openfaas/gateway:0.18.17'"), upgrade);
  }

  @Test
  void aFailedHelmInstallStopsWithHelmsMessage() throws Exception {
    Files.createFile(dir.resolve("fail"));
    NodeSteps.CommandFailed e =
        assertThrows(
            NodeSteps.CommandFailed.class,
            () -> run(OpenFaasHelm.install(null, "0.26.4", null, Duration.ofSeconds(60))));
    assertTrue(
        e.getMessage().startsWith("helm on node0: `helm upgrade openfaas openfaas/openfaas"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("Error: INSTALLATION FAILED: context deadline exceeded"),
        e.getMessage());
    assertEquals(3, master.commands().size(), "nothing runs after the failed command");
  }

  @Test
  void deploysOpenFaasAndItsFunctionThenRemovesEverything() throws Exception {
    givenTheChartInstalledItsGatewayAndSecret("s3cret");
    OpenFaas w =
        new OpenFaas(
            "0.26.4",
            5,
            null,
            List.of(new FaasFunction("factorial", "example/factorial:1.0", "500", SourceRef.NONE)),
            SourceRef.NONE);
    List<String[]> notes = new ArrayList<>();
    WorkloadDriver driver = Workloads.of(w);
    try (FakeGateway gw = new FakeGateway(client, "s3cret");
        ClusterSteps steps =
            new ClusterSteps(
                    kube,
                    "node0",
                    dir,
                    Duration.ofSeconds(10),
                    (what, detail) -> notes.add(new String[] {what.wire(), detail}))
                .gatewayAt(gw.url())) {
      steps.startRecording();
      steps.watchReplicas("openfaas-fn", "factorial", null);
      // The deploy phase's steps as planned: Helm on the master, then the functions.
      String target = null;
      for (Step s : driver.setup("deploy", cluster(), true)) {
        if (s instanceof Step.Helm h) HelmRunner.apply(h, steps, c -> run(List.of(c)));
        else target = Workloads.of(((Step.DeployWorkload) s).workload()).deploy(steps, true);
      }

      assertEquals(gw.url() + "/function/factorial", target);
      assertEquals("helm-release", notes.get(0)[0]);
      // faas-cli's order: update first, create when the gateway does not know the function.
      assertEquals("PUT /system/functions", gw.requests.get(0));
      assertEquals("POST /system/functions", gw.requests.get(1));
      var sent = gw.deployed.get(0);
      assertEquals("factorial", sent.get("service").asText());
      assertEquals("example/factorial:1.0", sent.get("image").asText());
      assertEquals("openfaas-fn", sent.get("namespace").asText());
      assertEquals("5", sent.get("labels").get("com.openfaas.scale.max").asText());
      // It answered a real invocation before deploy returned.
      assertTrue(gw.requests.contains("POST /function/factorial"), gw.requests.toString());
      KubeTest.awaitLine(dir.resolve(ReplicasFile.FILE), ",openfaas-fn,factorial,1,1");

      for (Step s : driver.teardown("uninstall", cluster())) {
        if (s instanceof Step.Helm h) HelmRunner.apply(h, steps, c -> run(List.of(c)));
        else Workloads.of(((Step.RemoveWorkload) s).workload()).remove(steps);
      }
      assertTrue(gw.requests.contains("DELETE /system/functions"), gw.requests.toString());
      assertNull(
          client.apps().deployments().inNamespace("openfaas-fn").withName("factorial").get());
      assertNull(client.namespaces().withName("openfaas").get());
      assertNull(client.namespaces().withName("openfaas-fn").get());
      assertTrue(Files.readString(helmLog).contains("[uninstall][openfaas]"));
    }
  }

  @Test
  void theGatewaySaysWhenThePasswordIsWrong() throws Exception {
    try (FakeGateway gw = new FakeGateway(client, "right")) {
      Gateway g = new Gateway(gw.url(), "admin", "wrong", Duration.ofMillis(50));
      KubeException e =
          assertThrows(
              KubeException.class,
              () -> g.deploy(new Gateway.Function("f", "img:1", "openfaas-fn", 5)));
      assertEquals(
          "deploying function f failed: the gateway answered 401 (wrong basic-auth password?) Unauthorized",
          e.getMessage());
    }
  }

  @Test
  void aFunctionThatNeverStartsTimesOutSayingWhy() throws Exception {
    try (FakeGateway gw = new FakeGateway(client, "pw")) {
      Gateway g = new Gateway(gw.url(), "admin", "pw", Duration.ofMillis(50));
      g.deploy(new Gateway.Function("broken", "missing/fn:1", "openfaas-fn", 5));
      KubeException e =
          assertThrows(
              KubeException.class,
              () -> g.awaitAnswer("broken", "openfaas-fn", null, Duration.ofMillis(800)));
      assertEquals(
          "function broken did not answer within 800 ms: no replica available", e.getMessage());
      g.remove("broken", "openfaas-fn");
      g.remove("broken", "openfaas-fn"); // already gone is fine
    }
  }

  /** A cluster whose master is node0, as the driver plans against. */
  static Cluster cluster() throws Exception {
    Path file = Files.createTempFile("cluster", ".kexp");
    Files.writeString(
        file, "experiment 'c' { cluster { master 'node0'; distro k3s }; phases { idle 1.s } }");
    return Kexp.load(file).experiment().cluster();
  }

  private void givenTheChartInstalledItsGatewayAndSecret(String password) {
    // What `helm upgrade --install` leaves behind on a real cluster; the helm here only logs.
    kube.apply(
        List.of(
            Manifests.namespace("openfaas"),
            Manifests.deployment(
                "gateway", "openfaas", "ghcr.io/openfaas/gateway:0.26.4", 1, 8080, Map.of())));
    client
        .secrets()
        .inNamespace("openfaas")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("basic-auth")
                .withNamespace("openfaas")
                .endMetadata()
                .addToData(
                    "basic-auth-password",
                    Base64.getEncoder()
                        .encodeToString((password + "\n").getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
  }
}
