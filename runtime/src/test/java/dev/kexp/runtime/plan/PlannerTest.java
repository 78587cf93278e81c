package dev.kexp.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.Kexp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static Plan plan(String text) {
    Kexp.Loaded loaded = Kexp.parse(text, "t.kexp");
    assertFalse(loaded.hasErrors(), loaded.problems()::toString);
    return Planner.plan(loaded.experiment(), "0123456789abcdef", loaded.warnings());
  }

  static final String LOCAL =
      """
      experiment 'local' {
          cluster { local }
          workload function('factorial', arg: 500)
          metrics { nodes every: 1.s }
          phases { ramp 0..20 over 15.s; hold 20 over 15.s; cooldown 5.s }
          repeat 3, pause: 5.s
      }
      """;

  @Test
  void expandsRepetitionsIntoRunsWithAPauseBetweenButNotAfter() {
    Plan p = plan(LOCAL);
    assertEquals(
        List.of("local/rep-01", "local/rep-02", "local/rep-03"),
        p.runs().stream().map(RunPlan::id).toList());
    assertInstanceOf(
        Step.Pause.class, p.runs().get(0).steps().get(p.runs().get(0).steps().size() - 1));
    assertFalse(p.runs().get(2).steps().stream().anyMatch(s -> s instanceof Step.Pause));
    assertEquals("runs/local/rep-02", p.runs().get(1).dir());
    // 3 x (15 + 15 + 5) s of phases + 2 pauses of 5 s
    assertEquals(Duration.ofSeconds(115), p.timed());
  }

  @Test
  void aLocalRunServesTheFunctionSamplesAndLoadsInOrder() {
    List<Step> steps = plan(LOCAL).runs().get(0).steps();
    assertEquals(
        List.of(
            "UseLocalMachine",
            "ServeFunction",
            "StartSampling",
            "Load",
            "Load",
            "Wait",
            "StopSampling",
            "StopFunction",
            "Pause"),
        steps.stream().map(s -> s.getClass().getSimpleName()).toList());
    Step.Load ramp = (Step.Load) steps.get(3);
    assertEquals(new LoadTarget.Function("factorial"), ramp.target());
    assertEquals("GET", ramp.method());
    assertEquals(
        List.of(new Step.Segment(Step.LoadModel.CLOSED, 0, 20, Duration.ofSeconds(15))),
        ramp.segments());
    assertEquals(
        List.of(new Step.SampledNode("localhost", "local")),
        ((Step.StartSampling) steps.get(2)).sampled());
  }

  @Test
  void theDistributionExperimentInstallsEveryNodeAndTargetsTheOpenFaasGateway() {
    Plan p =
        plan(
            """
            experiment 'd' {
                cluster { master 'node0'; workers 'node1', 'node2'; distro k3s; cni calico, version: '3.16' }
                workload openfaas(version: '0.26.4', maxReplicas: 5) { function 'factorial', image: 'x/f:1', body: '500' }
                phases { install; deploy; ramp 0..20000 over 30.min; cooldown 2.min; uninstall }
                repeat 10, pause: 5.min
                matrix distro: [kubeadm, k3s, microk8s, k0s]
            }
            """);
    assertEquals(40, p.runs().size());
    assertEquals("microk8s", p.runs().get(20).settings().get("distro"));
    List<Step> steps = p.runs().get(0).steps();
    List<Step.OnNode> installs =
        steps.stream()
            .filter(s -> s.phase().equals("install") && s instanceof Step.OnNode)
            .map(Step.OnNode.class::cast)
            .toList();
    // Every node installs, then the master waits until all are Ready.
    assertEquals(
        List.of("node0", "node1", "node2", "node0"),
        installs.stream().map(Step.OnNode::node).toList());
    assertEquals("wait until all nodes are Ready", installs.get(3).action());
    assertTrue(installs.get(0).action().contains("kubeadm 1.27.2"), installs.get(0).action());
    Step.Load load =
        steps.stream()
            .filter(s -> s instanceof Step.Load)
            .map(Step.Load.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(
        new LoadTarget.Endpoint("openfaas", "http://node0:31112/function/factorial"),
        load.target());
    assertEquals("POST", load.method());
    assertEquals("500", load.body());
    List<String> uninstall =
        steps.stream()
            .filter(s -> s instanceof Step.OnNode n && n.phase().equals("uninstall"))
            .map(s -> ((Step.OnNode) s).node())
            .toList();
    assertEquals(
        List.of("node1", "node2", "node0"), uninstall, "workers leave before the master goes");
    Step.Helm helm =
        steps.stream()
            .filter(s -> s instanceof Step.Helm)
            .map(Step.Helm.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "install OpenFaaS 0.26.4 with Helm chart openfaas 14.0.0 by Helm 3.11.0 on node0"
            + " (namespace openfaas-fn created first)",
        helm.describe());
    String upgrade = helm.commands().get(3).line();
    assertTrue(upgrade.contains("--version '14.0.0'"), upgrade);
    assertTrue(upgrade.endsWith("--kubeconfig '.kexp-kubeconfig'"), upgrade);
    // The uninstall phase: the functions, then Helm's release and the namespaces, then the nodes.
    List<String> teardown =
        steps.stream()
            .filter(s -> s.phase().equals("uninstall"))
            .map(s -> s.getClass().getSimpleName())
            .toList();
    assertEquals(List.of("RemoveWorkload", "Helm", "OnNode", "OnNode", "OnNode"), teardown);
    assertTrue(steps.stream().filter(s -> s.phase().equals("uninstall")).allMatch(Step::teardown));
  }

  @Test
  void theDeployStepNamesTheHelmChartThatShipsTheGateway() {
    Plan p =
        plan(
            """
            experiment 'd' {
                cluster { master 'node0'; distro k3s }
                workload openfaas(version: '0.27.14') { function 'factorial', image: 'x/f:1', body: '500' }
                phases { install; deploy; uninstall }
            }
            """);
    String text = PlanPrinter.text(p);
    assertTrue(
        text.contains(
            "install OpenFaaS 0.27.14 with Helm chart openfaas 15.0.13 by Helm 3.11.0 on node0"),
        text);
  }

  @Test
  void theHelmReleaseIsTheFilesOrTheFirstSeeds() {
    String pinned =
        PlanPrinter.text(
            plan(
                """
                experiment 'd' {
                    cluster { master 'node0'; distro k3s }
                    workload openfaas(version: '0.27.14', helm: '3.12.3') { function 'factorial', image: 'x/f:1', body: '500' }
                    phases { install; deploy; uninstall }
                }
                """));
    assertTrue(pinned.contains("by Helm 3.12.3 on node0"), pinned);
  }

  @Test
  void stepsBecomeOneSegmentPerLevel() {
    Plan p =
        plan(
            """
            experiment 's' {
                cluster { local }
                workload function('factorial')
                phases { steps 1, 25, 50 each 1.min; rate 0..100 over 10.s }
            }
            """);
    Step.Load steps = (Step.Load) p.runs().get(0).steps().get(2);
    assertEquals(3, steps.segments().size());
    assertEquals(
        new Step.Segment(Step.LoadModel.CLOSED, 25, 25, Duration.ofMinutes(1)),
        steps.segments().get(1));
    Step.Load rate = (Step.Load) p.runs().get(0).steps().get(3);
    assertEquals(Step.LoadModel.OPEN, rate.segments().get(0).model());
  }

  @Test
  void secretsNeverAppearInThePlanTextOrJson() {
    Plan p =
        plan(
            """
            experiment 's' {
                cluster { master 'n0'; ssh user: 'u', passphrase: 'hunter2'; distro k3s }
                load { target 'http://127.0.0.1:1/'; header 'Authorization', 'Bearer visible'; header 'X-Token', env('KEXP_TEST_TOKEN') }
                phases { install; hold 1 over 1.s }
            }
            """);
    String text = PlanPrinter.text(p);
    String json = PlanPrinter.json(p);
    for (String out : List.of(text, json)) {
      assertFalse(out.contains("hunter2"), out);
      assertTrue(out.contains("<redacted>"), out);
      assertTrue(out.contains("env:KEXP_TEST_TOKEN"), out);
    }
  }

  @Test
  void plainNodesWithoutADistroAreCheckedRecordedAndSampledButNothingIsInstalled() {
    Plan p =
        plan(
            """
            experiment 'xen' {
                cluster { ssh user: 'ubuntu', key: '~/.ssh/id_ed25519' }
                matrix {
                    cell('PV')  { cluster { master 'pv-vm';  hypervisor xen, mode: PV } }
                    cell('HVM') { cluster { master 'hvm-vm'; hypervisor xen, mode: HVM } }
                }
                metrics { nodes every: 5.s }
                phases { idle 10.s }
            }
            """);
    assertEquals(List.of("PV/rep-01", "HVM/rep-01"), p.runs().stream().map(RunPlan::id).toList());
    for (RunPlan run : p.runs()) {
      assertEquals(
          List.of("CheckHypervisor", "NodeFacts", "StartSampling", "Wait", "StopSampling"),
          run.steps().stream().map(s -> s.getClass().getSimpleName()).toList());
    }
    Step.CheckHypervisor hvm = only(p.runs().get(1).steps(), Step.CheckHypervisor.class);
    assertEquals(List.of("hvm-vm"), hvm.nodes());
    String text = PlanPrinter.text(p);
    assertTrue(text.contains("check that pv-vm run under xen PV"), text);
    assertTrue(text.contains("check that hvm-vm run under xen HVM"), text);
    assertTrue(text.contains("record kernel, os"), text);
    assertTrue(text.contains("sample CPU, memory, disk, network of pv-vm every 5s"), text);
    assertTrue(text.contains("plain nodes (no distro)"), text);
    assertFalse(text.contains(" install "), text);
    assertFalse(text.contains("cluster: null") || text.contains("runtime null"), text);
    PlanPrinter.json(p);
  }

  @Test
  void thePlanIsAPureFunctionOfTheFile() {
    assertEquals(PlanPrinter.json(plan(LOCAL)), PlanPrinter.json(plan(LOCAL)));
    assertTrue(PlanPrinter.json(plan(LOCAL)).contains("\"kind\" : \"Load\""));
  }

  @Test
  void everythingARunDoesIsAStepOfThePlan() {
    Plan p =
        plan(
            """
            experiment 'all' {
                cluster { local }
                load { target 'http://127.0.0.1:8080/'; header 'X-Token', env('KEXP_TEST_TOKEN') }
                metrics {
                    nodes every: 5.s
                    replicas 'nginx', namespace: 'kexp', every: 2.s
                    prometheus 'http://127.0.0.1:9090', queries: [cpu: 'sum(rate(x[1m]))']
                }
                phases { hold 1 over 2.s }
                thresholds { breakpoint errors: 5.percent, over: 10.s, abort: true }
            }
            """);
    List<Step> steps = p.runs().get(0).steps();
    Step.WatchReplicas watch = only(steps, Step.WatchReplicas.class);
    assertEquals(
        List.of(new Step.ReplicaWatch("nginx", "kexp", Duration.ofSeconds(2))), watch.watches());
    Step.QueryPrometheus prometheus = only(steps, Step.QueryPrometheus.class);
    assertEquals("http://127.0.0.1:9090", prometheus.url());
    assertEquals("sum(rate(x[1m]))", prometheus.queries().get("cpu"));
    assertEquals(Duration.ofSeconds(5), prometheus.step(), "at the node sampling's resolution");
    assertTrue(prometheus.always(), "Prometheus keeps its data: a failed run is queried too");
    Step.Load load = only(steps, Step.Load.class);
    assertEquals(new LoadTarget.Url("http://127.0.0.1:8080/"), load.target());
    assertEquals(1, load.thresholds().size());
    assertTrue(load.thresholds().get(0).abort());
    assertEquals(5.0, load.thresholds().get(0).errors().value());
    assertEquals(p.thresholds(), load.thresholds());
    assertEquals("X-Token: env:KEXP_TEST_TOKEN", load.headers().get(0).toString());
    String text = PlanPrinter.text(p);
    assertTrue(text.contains("record the ready replicas of kexp/nginx every 2s"), text);
    assertTrue(text.contains("query Prometheus at http://127.0.0.1:9090"), text);
    String json = PlanPrinter.json(p);
    assertTrue(json.contains("\"kind\" : \"WatchReplicas\""), json);
    assertTrue(json.contains("\"kind\" : \"QueryPrometheus\""), json);
    assertTrue(json.contains("\"model\" : \"CLOSED\""), json);
    String openfaas =
        PlanPrinter.json(
            plan(
                """
                experiment 'd' {
                    cluster { master 'node0'; distro k3s }
                    workload openfaas(version: '0.26.4') { function 'f', image: 'x/f:1' }
                    phases { install; deploy }
                }
                """));
    assertTrue(openfaas.contains("\"kind\" : \"OpenFaas\""), openfaas);
  }

  @Test
  void setupRunsBeforeEachCellsFirstRepetitionAndTeardownAfterItsLast() {
    Plan p =
        plan(
            """
            experiment 'lifecycle' {
                cluster { master 'n0'; workers 'n1'; distro k3s }
                setup { install }
                phases { idle 5.s; stopMaster; startMaster }
                teardown { uninstall }
                repeat 3
                matrix distro: [k3s, k0s]
            }
            """);
    assertEquals(6, p.runs().size());
    for (RunPlan run : p.runs()) {
      List<String> phases = run.steps().stream().map(Step::phase).distinct().toList();
      boolean first = run.repetition() == 1;
      boolean last = run.repetition() == 3;
      assertEquals(first, phases.contains("setup"), run.id() + " " + phases);
      assertEquals(last, phases.contains("teardown"), run.id() + " " + phases);
      assertFalse(phases.contains("install") || phases.contains("uninstall"), phases.toString());
    }
    List<Step> rep1 = p.runs().get(0).steps();
    int setup = indexOf(rep1, s -> s.phase().equals("setup"));
    int idleCheck = indexOf(rep1, s -> s instanceof Step.CheckIdle);
    int firstPhase = indexOf(rep1, s -> s.phase().equals("idle"));
    assertTrue(
        setup < idleCheck && idleCheck < firstPhase, "setup, then the idle check, then idle");
    List<Step> rep3 = p.runs().get(2).steps();
    assertTrue(
        rep3.stream().filter(s -> s.phase().equals("teardown")).allMatch(Step::teardown),
        "the teardown block also runs after a failure");
    String text = PlanPrinter.text(p);
    assertTrue(text.matches("(?s).*\\d+\\. setup +install k3s.*"), text);
    assertTrue(text.matches("(?s).*\\d+\\. teardown +uninstall k0s.*"), text);
  }

  /**
   * {@code setup { install }} before phases that start the master prepares without starting; an
   * install that nothing starts afterwards (the first paper's) installs and starts, and waits.
   */
  @Test
  void installOnlyPreparesWhenTheRepeatedPhasesStartTheMaster() {
    String lifecycle =
        PlanPrinter.text(
            plan(
                """
                experiment 'l' {
                    cluster { master 'n0'; workers 'n1'; distro k3s }
                    setup { install }
                    phases { startMaster; addWorkers; drainWorkers; stopMaster }
                }
                """));
    assertTrue(lifecycle.matches("(?s).*\\d+\\. setup +prepare k3s.*"), lifecycle);
    assertTrue(lifecycle.contains(", not started, on the control plane on master n0"), lifecycle);
    assertTrue(lifecycle.contains("INSTALL_K3S_SKIP_ENABLE=true INSTALL_K3S_SKIP_START=true"));
    int downloads = lifecycle.split("get.k3s.io", -1).length - 1;
    assertEquals(2, downloads, "downloaded once on each of the 2 nodes: " + lifecycle);
    assertTrue(lifecycle.contains("wait until n1 is Ready on master n0"), lifecycle);
    assertTrue(lifecycle.contains("leave the k3s cluster on worker n1"), lifecycle);
    assertTrue(lifecycle.contains("remove node n1 from the cluster on master n0"), lifecycle);
    assertTrue(lifecycle.contains("wait until only the control plane is left"), lifecycle);
    String breakpoint =
        PlanPrinter.text(
            plan(
                """
                experiment 'b' {
                    cluster { master 'n0'; workers 'n1'; distro k3s }
                    phases { install; idle 1.s; uninstall }
                }
                """));
    assertTrue(breakpoint.contains("install k3s"), breakpoint);
    assertTrue(breakpoint.contains("as the control plane on master n0"), breakpoint);
    assertTrue(breakpoint.contains("wait until all nodes are Ready on master n0"), breakpoint);
    assertFalse(breakpoint.contains("not started"), breakpoint);
  }

  @Test
  void workersJoinOneAtATimeUnlessTheFileSaysParallel() {
    String file =
        """
        experiment 'join' {
            cluster { master 'n0'; workers 'n1', 'n2', 'n3'; distro kubeadm }
            phases { startMaster; addWorkers%s }
        }
        """;
    List<Step> steps = plan(file.formatted("")).runs().get(0).steps();
    List<Step.OnNode> joins =
        steps.stream()
            .filter(s -> s instanceof Step.OnNode n && n.phase().equals("addWorkers"))
            .map(Step.OnNode.class::cast)
            .filter(n -> n.action().startsWith("join"))
            .toList();
    assertEquals(3, joins.size());
    assertFalse(joins.get(0).parallelWith(joins.get(1)), "the second paper joined one at a time");
    String text = PlanPrinter.text(plan(file.formatted("")));
    assertTrue(text.contains("join the kubeadm cluster (one at a time) on worker n1\n"), text);
    List<Step.OnNode> parallel =
        plan(file.formatted(" parallel: true")).runs().get(0).steps().stream()
            .filter(s -> s instanceof Step.OnNode n && n.action().startsWith("join"))
            .map(Step.OnNode.class::cast)
            .toList();
    assertTrue(parallel.get(0).parallelWith(parallel.get(1)));
    assertTrue(
        PlanPrinter.text(plan(file.formatted(" parallel: true")))
            .contains("join the kubeadm cluster on worker n1  (in parallel)"));
  }

  static int indexOf(List<Step> steps, java.util.function.Predicate<Step> which) {
    for (int i = 0; i < steps.size(); i++) if (which.test(steps.get(i))) return i;
    throw new AssertionError("no such step in " + steps);
  }

  static <T extends Step> T only(List<Step> steps, Class<T> type) {
    List<T> found = steps.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), steps.toString());
    return found.get(0);
  }
}
