package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.cli.KexpCommand;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.SshNodes;
import dev.kexp.runtime.control.SshRemote;
import dev.kexp.runtime.results.KubeEventsFile;
import dev.kexp.runtime.results.ReplicasFile;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection over SSH, end to end: {@code kexp run} installs K3s on real SSH nodes ({@link
 * SshNodes}, whose K3s is a test fake), fetches the kubeconfig the fake wrote on the master (its
 * server is https://127.0.0.1, as K3s writes it), points it at the master, leaves a copy on the
 * master for Helm, and talks to the API server it names. That server is fabric8's mock API server
 * in CRUD mode, listening on the master's address as a real K3s would, with {@link
 * SimulatedKubelet} rolling out what kexp applies.
 */
class OverSshRunTest {
  static SshNodes nodes;
  @TempDir Path tmp;
  KubernetesMockServer server;
  NamespacedKubernetesClient client;

  @BeforeAll
  static void nodes() {
    nodes = SshNodes.get();
  }

  @BeforeEach
  void setUp() throws Exception {
    nodes.reset();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            true);
    server.init(InetAddress.getByName(nodes.address(1)), 0);
    client = server.createClient();
  }

  @AfterEach
  void tearDown() {
    if (client != null) client.close();
    if (server != null) server.destroy();
  }

  @Test
  void installConnectsOverSshAppliesAndRecordsEventsAndReplicasIntoTheRun() throws Exception {
    String token = "kexp-test-" + UUID.randomUUID();
    // What K3s writes: its API server on 127.0.0.1 of the master, where kexp cannot reach it.
    String kubeconfig =
        """
        apiVersion: v1
        clusters:
        - cluster:
            insecure-skip-tls-verify: true
            server: https://127.0.0.1:%d
          name: default
        contexts:
        - context:
            cluster: default
            user: default
          name: default
        current-context: default
        kind: Config
        preferences: {}
        users:
        - name: default
          user:
            token: %s
        """
            .formatted(server.getPort(), token);
    try (SshRemote master =
        new SshRemote(nodes.settings(1), NodeLog.discard("n1", new Redactor()))) {
      master.upload(kubeconfig.getBytes(StandardCharsets.UTF_8), "/etc/kexp-test-kubeconfig", 0600);
    }
    Path file = tmp.resolve("ssh.kexp");
    Files.writeString(
        file,
        """
        experiment 'over-ssh' {
            cluster {
                master '%s'
                workers '%s'
                ssh user: '%s', key: '%s', port: %d
                distro k3s
            }
            metrics { replicas 'nginx', namespace: 'kexp' }
            phases {
                install
                apply deployment('nginx', image: 'nginx:1.14.2', replicas: 2)
            }
        }
        """
            .formatted(
                nodes.address(1),
                nodes.address(2),
                SshNodes.USER,
                nodes.key("ed25519"),
                SshNodes.PORT));
    Path out = tmp.resolve("results");
    String printed;
    int exit;
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, server, 50)) {
      kubelet.addNode(nodes.address(2));
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      PrintStream old = System.out;
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      try {
        exit =
            KexpCommand.commandLine()
                .execute(
                    "run",
                    file.toString(),
                    "-o",
                    out.toString(),
                    "--known-hosts",
                    nodes.knownHosts.toString());
      } finally {
        System.setOut(old);
      }
      printed = buf.toString(StandardCharsets.UTF_8);
    }
    assertEquals(0, exit, printed);
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("complete", manifest.get("runs").get(0).get("status").asText(), printed);
    assertFalse(printed.contains("not recorded yet"), "recording started at install: " + printed);

    // kexp applied through the API server the fetched kubeconfig named.
    var nginx = client.apps().deployments().inNamespace("kexp").withName("nginx").get();
    assertNotNull(nginx, "the Deployment reached the API server");
    assertEquals(
        "nginx:1.14.2", nginx.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

    // The copy for Helm, on the master: private to root, pointing at the master, not 127.0.0.1.
    try (SshRemote master =
        new SshRemote(nodes.settings(1), NodeLog.discard("n1", new Redactor()))) {
      Remote.CommandResult mode =
          master.run(Remote.Command.root("stat -c '%a %U' .kexp-kubeconfig"));
      assertTrue(mode.ok(), mode.stderr());
      assertEquals("600 root", mode.stdout().strip());
      Remote.CommandResult copy = master.run(Remote.Command.root("cat .kexp-kubeconfig"));
      assertTrue(
          copy.stdout().contains("https://" + nodes.address(1) + ":" + server.getPort()),
          copy.stdout());
    }

    Path run = out.resolve("runs/over-ssh/rep-01");
    List<String> events = Files.readAllLines(run.resolve(KubeEventsFile.FILE));
    assertEquals(
        2,
        events.stream()
            .filter(l -> l.contains("\"reason\":\"Scheduled\"") && l.contains("\"name\":\"nginx-"))
            .count(),
        events.toString());
    List<String> replicas = Files.readAllLines(run.resolve(ReplicasFile.FILE));
    assertTrue(replicas.stream().anyMatch(l -> l.endsWith(",kexp,nginx,2,2")), replicas.toString());

    // The kubeconfig's credentials stay on the nodes and in memory: in no file of the results.
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(p).contains(token), p + " holds the cluster's token");
      }
    }
  }
}
