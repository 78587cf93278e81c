package dev.kexp.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.EmbeddedFunction;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Mysql;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.dsl.model.Role;
import dev.kexp.dsl.model.Size;
import dev.kexp.dsl.model.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compile tests: each golden file under kexp/good parses into exactly the model it describes. */
class GoodFilesTest {
  static Experiment load(String name) {
    Kexp.Loaded loaded = Kexp.load(Path.of("src/test/resources/kexp/good", name));
    assertFalse(loaded.hasErrors(), () -> name + ": " + loaded.problems());
    assertNotNull(loaded.experiment());
    return loaded.experiment();
  }

  @Test
  void theIssuesFullExampleBecomesTheFirstSeedsDistributionExperiment() {
    Experiment e = load("distributions.kexp");
    assertEquals("kubernetes-distributions", e.name());
    assertEquals("node0.example.org", e.cluster().master().host());
    assertEquals(
        List.of("node1", "node2", "node3"),
        e.cluster().workers().stream().map(n -> n.host()).toList());
    assertEquals(Role.LOADER, e.cluster().loader().role());
    assertEquals("ubuntu", e.cluster().ssh().user());
    assertEquals("xen PV", e.cluster().hypervisor().toString());
    assertEquals("docker", e.cluster().runtime().word());
    assertEquals("k3s 1.27.2", e.cluster().distro().toString());
    assertEquals("calico 3.16", e.cluster().cni().toString());
    OpenFaas faas = assertInstanceOf(OpenFaas.class, e.workload());
    assertEquals("0.26.4", faas.version());
    assertEquals(5, faas.maxReplicas());
    assertEquals("factorial", faas.functions().get(0).name());
    assertEquals("500", faas.functions().get(0).body());
    assertInstanceOf(Target.OfWorkload.class, e.load().target());
    assertEquals("POST", e.load().method());
    assertEquals(Duration.ofSeconds(30), e.load().timeout());
    assertEquals(Duration.ofSeconds(5), e.metrics().nodesEvery());
    assertEquals("openfaas-fn", e.metrics().replicas().get(0).namespace());
    assertTrue(e.metrics().prometheus().get(0).queries().get("cpu").startsWith("sum(rate("));
    assertEquals(
        List.of("install", "deploy", "ramp", "cooldown", "uninstall"),
        e.phases().stream().map(Phase::word).toList());
    Phase.Ramp ramp = (Phase.Ramp) e.phases().get(2);
    assertEquals(0, ramp.from());
    assertEquals(20000, ramp.to());
    assertEquals(Duration.ofMinutes(30), ramp.over());
    assertEquals(Duration.ofMinutes(2), e.phases().get(3).duration());
    assertEquals(10, e.repeat().times());
    assertEquals(Duration.ofMinutes(5), e.repeat().pause());
    assertEquals(
        List.of("kubeadm", "k3s", "microk8s", "k0s"), e.cells().stream().map(Cell::name).toList());
    assertEquals("microk8s 1.27.2", e.cells().get(2).cluster().distro().toString());
    assertEquals(0.05, e.thresholds().get(0).errors().fraction(), 1e-9);
    assertEquals(Duration.ofSeconds(10), e.thresholds().get(0).over());
    assertEquals(
        List.of(ReportFormat.HTML, ReportFormat.CSV, ReportFormat.JSON, ReportFormat.LATEX),
        e.reports());
  }

  @Test
  void dockerWithMicroK8sIsAWarningNotAnError() {
    Kexp.Loaded loaded = Kexp.load(Path.of("src/test/resources/kexp/good/distributions.kexp"));
    List<Problem> runtime =
        loaded.warnings().stream().filter(w -> w.message().startsWith("runtime ")).toList();
    assertEquals(1, runtime.size(), loaded.warnings().toString());
    Problem w = runtime.get(0);
    assertEquals(9, w.at().line());
    assertTrue(w.toString().contains(": warning: runtime docker with microk8s"), w.toString());
  }

  @Test
  void anOpenFaasVersionWithoutAVerifiedChartIsAWarningThatNamesTheKnownOnes() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            experiment 'unverified' {
                cluster { master 'node0'; distro k3s }
                workload openfaas(version: '0.26.3') { function 'f', image: 'x/f:1' }
                phases { install; deploy }
            }
            """,
            "unverified.kexp");
    List<Problem> chart =
        loaded.warnings().stream().filter(w -> w.message().contains("Helm chart")).toList();
    assertEquals(1, chart.size(), loaded.warnings().toString());
    Problem w = chart.get(0);
    assertEquals(3, w.at().line());
    assertTrue(
        w.toString().contains(": warning: openfaas version '0.26.3' has no verified Helm chart"),
        w.toString());
    assertTrue(w.message().contains("0.26.4 (chart 14.0.0)"), w.message());
    assertTrue(w.message().contains("0.27.14 (chart 15.0.13)"), w.message());
  }

  @Test
  void theFirstSeedsOpenFaasHasAVerifiedChart() {
    Kexp.Loaded loaded = Kexp.load(Path.of("src/test/resources/kexp/good/distributions.kexp"));
    assertTrue(
        loaded.warnings().stream().noneMatch(w -> w.message().contains("Helm chart")),
        loaded.warnings().toString());
  }

  @Test
  void anOpenFaasVersionWithAVerifiedChartHasNoWarning() {
    Kexp.Loaded loaded = Kexp.load(Path.of("src/test/resources/kexp/good/openfaas-pinned.kexp"));
    assertFalse(loaded.hasErrors(), loaded.problems().toString());
    assertEquals(
        List.of(),
        loaded.warnings().stream().filter(w -> w.message().contains("chart")).toList(),
        loaded.warnings().toString());
    assertEquals("0.27.14", ((OpenFaas) loaded.experiment().workload()).version());
  }

  @Test
  void openModelPhasesRateHoldAndSteps() {
    Experiment e = load("open-model.kexp");
    assertEquals(
        new Phase.Rate(0, 20000, Duration.ofMinutes(30), e.phases().get(0).at()),
        e.phases().get(0));
    Phase.Hold hold = (Phase.Hold) e.phases().get(1);
    assertEquals(200, hold.users());
    assertEquals(Duration.ofMinutes(5), hold.over());
    Phase.Steps steps = (Phase.Steps) e.phases().get(2);
    assertEquals(List.of(1, 25, 50, 100, 150, 200), steps.levels());
    assertEquals(Duration.ofMinutes(1), steps.each());
    assertEquals(Duration.ofMinutes(6), steps.duration());
  }

  @Test
  void theSecondSeedsLifecyclePhases() {
    Experiment e = load("lifecycle.kexp");
    assertEquals(
        List.of(
            "startMaster",
            "idle",
            "addWorkers",
            "idle",
            "apply",
            "idle",
            "delete",
            "idle",
            "drainWorkers",
            "idle",
            "stopMaster"),
        e.phases().stream().map(Phase::word).toList());
    Phase.Apply apply = (Phase.Apply) e.phases().get(4);
    assertEquals("nginx:1.14.2", apply.deployment().image());
    assertEquals(3, apply.deployment().replicas());
    assertEquals(
        new Phase.Delete("deployment", "nginx", e.phases().get(6).at()), e.phases().get(6));
    assertEquals(Duration.ofMinutes(5), e.phases().get(1).duration());
    assertEquals(25, e.repeat().times());
    assertEquals(Duration.ZERO, e.repeat().pause());
    assertEquals("calico", e.cluster().cni().word(), "microk8s's own CNI by default");
  }

  @Test
  void manifestFilesBesideTheKexpAreAppliedAndDeleted() {
    Experiment e = load("manifests.kexp");
    assertEquals(
        List.of("apply", "idle", "drainWorkers", "delete"),
        e.phases().stream().map(Phase::word).toList());
    Phase.ApplyManifest apply = (Phase.ApplyManifest) e.phases().get(0);
    assertEquals("manifests/web.yaml", apply.manifest().path());
    assertEquals(9, apply.manifest().at().line());
    Phase.DeleteManifest delete = (Phase.DeleteManifest) e.phases().get(3);
    assertEquals("manifests/web.yaml", delete.manifest().path());
  }

  @Test
  void aMissingManifestFileIsReportedWhereItIsNamed(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("missing.kexp");
    java.nio.file.Files.writeString(
        file,
        """
        experiment 'missing' {
            cluster { master 'node0'; distro k3s }
            phases { apply manifest('nowhere.yaml') }
        }
        """);
    Kexp.Loaded loaded = Kexp.load(file);
    assertEquals(null, loaded.experiment());
    assertEquals(
        List.of(
            file
                + ":3:20: manifest 'nowhere.yaml': no such file (the path is relative to the .kexp file)"),
        loaded.problems().stream().map(Object::toString).toList());
  }

  @Test
  void sysbenchAgainstMysqlAndIozone() {
    Experiment e = load("benchmarks.kexp");
    assertInstanceOf(Mysql.class, e.workload());
    Phase.Sysbench s = (Phase.Sysbench) e.phases().get(1);
    assertEquals("oltp_read_write", s.test());
    assertEquals(List.of(1, 25, 50, 100, 150), s.threads());
    assertEquals(Duration.ofSeconds(60), s.each());
    Phase.Iozone io = (Phase.Iozone) e.phases().get(3);
    assertEquals(new Size(512L << 20), io.file());
    assertEquals(new Size(2L << 20), io.record());
    assertEquals(List.of("write", "read"), io.tests());
    assertEquals("all", io.on());
    assertEquals("/var/tmp", io.dir());
    assertEquals("xen HVM", e.cluster().hypervisor().toString());
    assertEquals(4, s.tables());
    assertEquals(Duration.ofSeconds(1), s.reportEvery());
    Phase.Sysbench t = (Phase.Sysbench) e.phases().get(2);
    assertEquals("oltp_read_only", t.test());
    assertEquals(8, t.tables());
    assertEquals(1000, t.tableSize());
    assertEquals(Duration.ofSeconds(2), t.reportEvery());
    assertEquals("mysql://sb@db.example.org:3306/sbtest", t.target());
    assertEquals("env:DB_PASSWORD", t.password().toString(), "where it comes from, not its value");
    Phase.Iozone some = (Phase.Iozone) e.phases().get(4);
    assertEquals(
        List.of("write", "read", "random"), some.tests(), "write first: it makes the file");
    assertEquals("workers", some.on());
    assertEquals("/scratch", some.dir());
    assertEquals("node2", ((Phase.Iozone) e.phases().get(5)).on());
  }

  @Test
  void matrixCellsChangeTheCluster() {
    Experiment e = load("matrix-cells.kexp");
    assertEquals(2, e.cells().size());
    Cell pv = e.cells().get(0);
    assertEquals("PV", pv.name());
    assertEquals("pv-vm", pv.cluster().master().host());
    assertEquals("xen PV", pv.cluster().hypervisor().toString());
    assertEquals("k3s", pv.cluster().distro().word(), "the rest comes from the base cluster");
    assertEquals("hvm-vm", e.cells().get(1).cluster().master().host());
    assertEquals("xen HVM", e.cells().get(1).cluster().hypervisor().toString());
    assertEquals("vm0", e.cluster().master().host(), "the base cluster is unchanged");
  }

  @Test
  void plainNodesWithoutADistroRunWhatNeedsNoKubernetes() {
    Experiment e = load("plain-nodes.kexp");
    assertEquals(2, e.cells().size());
    Cell pv = e.cells().get(0);
    assertEquals("pv-vm", pv.cluster().master().host());
    assertEquals("xen PV", pv.cluster().hypervisor().toString());
    assertEquals("ubuntu", pv.cluster().ssh().user(), "the login comes from the base cluster");
    assertNull(pv.cluster().distro());
    assertNull(pv.cluster().runtime(), "nothing installs a runtime");
    assertNull(pv.cluster().cni());
    assertEquals("xen HVM", e.cells().get(1).cluster().hypervisor().toString());
    assertNull(e.cluster().master(), "the base cluster has no node; each cell names its own");
  }

  @Test
  void aVariableNamedLikeAKeywordDoesNotHideTheKeywordInItsBlock() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            def nodes = ['n1', 'n2']
            List workers = ['w1', 'w2']
            def idle = 5
            def install = true
            experiment 'shadowed' {
                cluster { master nodes[0]; workers workers; distro k3s }
                metrics { nodes every: 5.s }
                phases { install; idle 10.s; idle(idle.s) }
            }
            """,
            "shadowed.kexp");
    assertFalse(loaded.hasErrors(), loaded.problems()::toString);
    Experiment e = loaded.experiment();
    assertEquals(Duration.ofSeconds(5), e.metrics().nodesEvery());
    assertEquals("n1", e.cluster().master().host(), "elsewhere the variable is the variable");
    assertEquals(List.of("w1", "w2"), e.cluster().workers().stream().map(n -> n.host()).toList());
    assertEquals(3, e.phases().size(), e.phases()::toString);
    assertInstanceOf(Phase.Install.class, e.phases().get(0));
    assertEquals(Duration.ofSeconds(10), e.phases().get(1).duration());
    assertEquals(Duration.ofSeconds(5), e.phases().get(2).duration());
    assertEquals(8, e.phases().get(1).at().line());
    assertEquals(14, e.phases().get(0).at().column(), "install keeps its column");
  }

  @Test
  void aMisusedKeywordShadowedByAVariableIsStillReportedAtItsColumn() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            def nodes = ['n1']
            experiment 'shadowed' {
                cluster { local }
                metrics { nodes evry: 5.s }
                phases { idle 1.s }
            }
            """,
            "shadowed.kexp");
    assertTrue(loaded.hasErrors());
    assertEquals(
        List.of(4),
        loaded.errors().stream().map(p -> p.at().line()).toList(),
        loaded.problems()::toString);
    assertFalse(loaded.errors().get(0).message().contains("'call'"), loaded.problems()::toString);
  }

  @Test
  void anSshKeyFileThatDoesNotExistIsAWarningNamingIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path key = java.nio.file.Files.writeString(dir.resolve("id_test"), "not really a key");
    Path missing = dir.resolve("missing_key");
    String file =
        """
        experiment 'keys' {
            cluster { master 'n0'
                      ssh user: 'u', key: '%s' }
            phases { idle 1.s }
        }
        """;
    Kexp.Loaded present = Kexp.parse(file.formatted(key), "k.kexp");
    assertEquals(List.of(), present.problems());
    Kexp.Loaded absent = Kexp.parse(file.formatted(missing), "k.kexp");
    assertNotNull(absent.experiment(), "a warning, not an error");
    assertEquals(
        List.of(
            "k.kexp:3:15: warning: ssh key '"
                + missing
                + "' does not exist on this machine: runs will fail to log in; check the path"),
        absent.problems().stream().map(Object::toString).toList());
    Kexp.Loaded home = Kexp.parse(file.formatted("~/.ssh/kexp_missing_test_key"), "k.kexp");
    assertEquals(1, home.warnings().size(), home.problems()::toString);
    assertTrue(
        home.warnings()
            .get(0)
            .message()
            .contains(
                Path.of(System.getProperty("user.home"), ".ssh", "kexp_missing_test_key")
                    .toString()),
        home.warnings()::toString);
    Kexp.Loaded local =
        Kexp.parse(
            "experiment 'l' { cluster { local; ssh key: '%s' }; phases { idle 1.s } }"
                .formatted(missing),
            "l.kexp");
    assertEquals(List.of(), local.problems(), "a local cluster uses no key");
    Kexp.Loaded byDefault =
        Kexp.parse(
            "experiment 'd' { cluster { master 'n0'; ssh user: 'u' }; phases { idle 1.s } }",
            "d.kexp");
    assertEquals(List.of(), byDefault.problems(), "the default key is not checked");
    Kexp.Loaded namedDefault =
        Kexp.parse(
            "experiment 'd' { cluster { master 'n0'; ssh key: '~/.ssh/id_ed25519' }; phases { idle 1.s } }",
            "d.kexp");
    assertEquals(List.of(), namedDefault.problems(), "nor is it when named");
  }

  @Test
  void matrixMapFormIsTheCartesianProduct() {
    Experiment e = load("matrix-product.kexp");
    assertEquals(
        List.of("docker-k3s", "docker-k0s", "containerd-k3s", "containerd-k0s"),
        e.cells().stream().map(Cell::name).toList());
    Cell c = e.cells().get(1);
    assertEquals(Map.of("runtime", "docker", "distro", "k0s"), c.settings());
    assertEquals("docker", c.cluster().runtime().word());
    assertEquals("k0s", c.cluster().distro().word());
    assertEquals("kuberouter", c.cluster().cni().word(), "each cell gets its distro's own CNI");
  }

  @Test
  void plainGroovyValuesVariablesLoopsInterpolationArithmetic() {
    Experiment e = load("plain-groovy.kexp");
    assertEquals("groovy-values-4", e.name());
    assertEquals("4 distributions, 20000 users", e.description());
    assertEquals(
        List.of("node1", "node2", "node3"),
        e.cluster().workers().stream().map(n -> n.host()).toList());
    assertEquals(20000, ((Phase.Ramp) e.phases().get(0)).to());
    assertEquals(200, ((Phase.Hold) e.phases().get(1)).users());
    assertEquals(Duration.ofMinutes(1), e.phases().get(2).duration());
    assertEquals(Duration.ofMinutes(2), e.phases().get(3).duration());
    assertEquals(Duration.ofMinutes(1), e.phases().get(4).duration(), "2 * 30.s");
    assertEquals(4, e.cells().size());
    assertEquals(
        List.of("rps", "replicas", "cpu"),
        List.copyOf(e.metrics().prometheus().get(0).queries().keySet()));
    EmbeddedFunction f = assertInstanceOf(EmbeddedFunction.class, e.workload());
    assertEquals(500, f.arg(), "arg defaults to the paper's factorial(500)");
  }

  @Test
  void theEmbeddedDefaultIsALocalClusterWithNothingInstalled() {
    Experiment e = load("quickstart-like.kexp");
    assertTrue(e.cluster().local());
    assertNull(e.cluster().distro());
    assertEquals(List.of(Role.LOCAL), e.cluster().nodes().stream().map(n -> n.role()).toList());
    assertEquals(Duration.ofSeconds(1), e.metrics().nodesEvery());
    assertEquals(2, e.repeat().times());
    assertTrue(e.thresholds().get(0).abort());
    assertEquals(Duration.ofSeconds(2), e.thresholds().get(0).p99());
    assertInstanceOf(Target.OfWorkload.class, e.load().target(), "no load block: the workload");
    assertNull(e.load().method(), "no load block: the workload's own method");
    assertEquals(1, e.cells().size());
    assertEquals("quickstart", e.cells().get(0).name());
  }

  @Test
  void unitsAndSecretsThatNeverPrint() {
    Experiment e = load("units-and-secrets.kexp");
    assertEquals(Duration.ofMillis(1500), e.phases().get(0).duration());
    assertEquals(Duration.ofMillis(250), e.load().think());
    assertEquals(Duration.ofHours(1), e.load().timeout());
    assertEquals("env:KEXP_KEY_PASSPHRASE", e.cluster().ssh().passphrase().toString());
    assertEquals("admin@bastion:2222", e.cluster().ssh().jump());
    assertEquals("X-Token: env:KEXP_TOKEN", e.load().headers().get(1).toString());
    assertFalse(e.toString().contains("KEXP_TOKEN=") || e.toString().contains("secret-value"));
    assertEquals(List.of(ReportFormat.JSON), e.reports());
  }

  @Test
  void aLiteralSecretIsRedactedEverywhereTheModelPrints() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            experiment 's' {
                cluster { master 'n0'; ssh user: 'u', passphrase: 'hunter2'; distro k3s }
                phases { install }
            }
            """,
            "s.kexp");
    assertFalse(loaded.hasErrors(), loaded.problems()::toString);
    assertEquals("hunter2", loaded.experiment().cluster().ssh().passphrase().reveal());
    assertFalse(loaded.experiment().toString().contains("hunter2"));
  }

  @Test
  void aClusterOfLoadersOnlyLoadsARunningService() {
    Kexp.Loaded loaded = Kexp.load(Path.of("src/test/resources/kexp/good/load-only.kexp"));
    assertEquals(List.of(), loaded.problems());
    Experiment e = loaded.experiment();
    assertTrue(e.cluster().loadOnly());
    assertNull(e.cluster().master());
    assertEquals(
        List.of("node4", "node5"), e.cluster().loaders().stream().map(n -> n.host()).toList());
    assertEquals("node4", e.cluster().loader().host());
    assertEquals(Role.LOADER, e.cluster().loaders().get(1).role());
  }
}
