package dev.kexp.runtime.plan;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Metrics;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.PrometheusSource;
import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Hypervisor;
import dev.kexp.stdlib.Setup;
import dev.kexp.stdlib.Stdlib;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expands an experiment into runs (matrix cells × repetitions) and each run into steps: kexp's own
 * bookkeeping around the file's phases, each phase through its {@link PhasePlanner}. Pure: no
 * network, no files, no clock, so {@code kexp plan} can be run on anyone's .kexp safely.
 */
public final class Planner {
  private Planner() {}

  /** The file asks for something this build of kexp cannot run; the problems say where and why. */
  public static final class Refused extends RuntimeException {
    private final List<Problem> problems;

    Refused(List<Problem> problems) {
      super(String.join("\n", problems.stream().map(Problem::toString).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /**
   * The plan of {@code e}.
   *
   * @throws Refused when a phase cannot be run by this build (see {@link #refusals})
   */
  public static Plan plan(Experiment e, String sha256, List<Problem> warnings) {
    List<Problem> refused = new ArrayList<>();
    List<RunPlan> runs = new ArrayList<>();
    int total = e.cells().size() * e.repeat().times();
    for (Cell cell : e.cells()) {
      for (int rep = 1; rep <= e.repeat().times(); rep++) {
        List<Step> steps = steps(e, cell.cluster(), rep == 1, rep == e.repeat().times(), refused);
        boolean last = runs.size() == total - 1;
        if (!last && !e.repeat().pause().isZero()) {
          steps.add(new Step.Pause("pause", e.repeat().pause()));
        }
        String id = cell.name() + String.format("/rep-%02d", rep);
        runs.add(
            new RunPlan(
                id,
                cell.name(),
                rep,
                cell.settings(),
                describe(cell.cluster()),
                cell.cluster(),
                steps));
      }
    }
    if (!refused.isEmpty()) throw new Refused(refused);
    return new Plan(
        e.name(),
        e.description(),
        e.file(),
        sha256,
        runs,
        e.thresholds().stream().map(Threshold::of).toList(),
        e.reports().stream().map(ReportFormat::word).toList(),
        warnings.stream().map(Problem::toString).toList());
  }

  /** What keeps {@code e} from being planned by this build: errors at the phases' lines. */
  public static List<Problem> refusals(Experiment e) {
    try {
      plan(e, "", List.of());
      return List.of();
    } catch (Refused r) {
      return r.problems();
    }
  }

  /**
   * One run's steps.
   *
   * @param first whether it is its cell's first repetition, which runs the setup block
   * @param last whether it is its cell's last repetition, which runs the teardown block
   */
  static List<Step> steps(
      Experiment e, Cluster c, boolean first, boolean last, List<Problem> refused) {
    PlanContext ctx = new PlanContext(e, c, refused);
    List<String> all = c.nodes().stream().map(Node::host).toList();
    if (c.local()) {
      ctx.add(new Step.UseLocalMachine("prepare"));
    } else {
      if (!c.hypervisor().word().equals("none")) {
        ctx.add(
            new Step.CheckHypervisor(
                "prepare", all, c.hypervisor().word(), c.hypervisor().mode(), Hypervisor.probe()));
      }
      ctx.add(new Step.NodeFacts("prepare", all, NodeFactsCommands.SYSTEM));
      // Before anything else runs, so a loader that cannot load stops the run before any load.
      if (!c.loaders().isEmpty()
          && e.allPhases().stream().anyMatch(p -> p instanceof Phase.LoadPhase)) {
        ctx.add(
            new Step.PrepareLoaders(
                "prepare", c.loaders().stream().map(Node::host).toList(), LoaderJava.INSTALL));
      }
    }
    // Once per cell, before anything is measured: the nodes idle when the repetitions start.
    if (first) ctx.planBlock("setup", e.setup());
    // A cluster with a distribution checks that none is left running from a previous repetition.
    if (!c.local() && c.distro() != null) {
      ctx.add(new Step.CheckIdle("prepare", all, PlatformProcesses.PROBE));
    }
    ctx.addAll(ctx.workload().prepare(c));
    Metrics m = e.metrics();
    if (m.nodesEvery() != null) {
      List<Step.SampledNode> sampled =
          c.nodes().stream()
              .map(
                  n ->
                      new Step.SampledNode(
                          n.host(), c.local() ? "local" : n.role().name().toLowerCase(Locale.ROOT)))
              .toList();
      ctx.add(new Step.StartSampling("prepare", sampled, m.nodesEvery()));
    }
    if (!m.replicas().isEmpty()) {
      ctx.add(
          new Step.WatchReplicas(
              "prepare",
              m.replicas().stream()
                  .map(r -> new Step.ReplicaWatch(r.name(), r.namespace(), r.every()))
                  .toList()));
    }
    for (Phase p : e.phases()) PhasePlanners.plan(p, ctx);
    if (m.nodesEvery() != null) ctx.add(new Step.StopSampling("finish"));
    ctx.addAll(ctx.workload().finish(c));
    if (last) ctx.planBlock("teardown", e.teardown());
    // Prometheus keeps its data, so the query runs at the end of the run, a failed one too.
    Duration resolution = m.nodesEvery() != null ? m.nodesEvery() : Duration.ofSeconds(1);
    for (PrometheusSource p : m.prometheus()) {
      ctx.add(new Step.QueryPrometheus("finish", p.url(), p.queries(), resolution));
    }
    return ctx.steps();
  }

  /**
   * What the stdlib needs of a cluster, as plain values. Only the phases that need Kubernetes ask,
   * and the validator refuses them on a cluster without a distro.
   */
  public static Setup setup(Cluster c) {
    if (c.distro() == null || c.runtime() == null || c.cni() == null) {
      throw new IllegalStateException("a cluster without a distro has nothing to set up");
    }
    ContainerRuntime rt = Stdlib.get().runtimes().get(c.runtime().word());
    return new Setup(
        c.distro().version(),
        rt.word(),
        rt.criSocket(),
        c.cni().word(),
        c.cni().version(),
        c.master().host(),
        c.workers().stream().map(Node::host).toList());
  }

  static String describe(Cluster c) {
    if (c.local()) return "local (this machine, nothing installed)";
    StringBuilder s = new StringBuilder();
    if (c.distro() == null) s.append("plain nodes (no distro)");
    else
      s.append(c.distro())
          .append(", runtime ")
          .append(c.runtime())
          .append(", CNI ")
          .append(c.cni());
    if (!c.hypervisor().word().equals("none")) s.append(", hypervisor ").append(c.hypervisor());
    if (c.master() != null) s.append("; master ").append(c.master().host());
    if (!c.workers().isEmpty())
      s.append(", workers ")
          .append(String.join(" ", c.workers().stream().map(Node::host).toList()));
    if (!c.loaders().isEmpty())
      s.append(c.master() == null ? "; loader" : ", loader")
          .append(c.loaders().size() > 1 ? "s " : " ")
          .append(String.join(" ", c.loaders().stream().map(Node::host).toList()));
    s.append("; ssh as ")
        .append(c.ssh().user())
        .append(", port ")
        .append(c.ssh().port())
        .append(", key ")
        .append(c.ssh().key());
    if (c.ssh().passphrase() != null) s.append(" passphrase ").append(c.ssh().passphrase());
    return s.toString();
  }
}
