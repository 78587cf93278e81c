package dev.kexp.runtime.plan;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.model.Target;
import dev.kexp.runtime.workload.WorkloadDriver;
import dev.kexp.runtime.workload.Workloads;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import dev.kexp.stdlib.Stdlib;
import java.util.ArrayList;
import java.util.List;

/** What a {@link PhasePlanner} plans against: one run's cluster, and the steps so far. */
public final class PlanContext {
  private final Experiment experiment;
  private final Cluster cluster;
  private final WorkloadDriver workload;
  private final List<Step> steps = new ArrayList<>();
  private final List<Problem> refusals;
  // "setup" or "teardown" while their blocks are planned; null for the repeated phases.
  private String block;

  PlanContext(Experiment experiment, Cluster cluster, List<Problem> refusals) {
    this.experiment = experiment;
    this.cluster = cluster;
    this.workload = Workloads.of(experiment.workload());
    this.refusals = refusals;
  }

  public Experiment experiment() {
    return experiment;
  }

  public Cluster cluster() {
    return cluster;
  }

  public WorkloadDriver workload() {
    return workload;
  }

  /** The steps planned so far, in order. */
  List<Step> steps() {
    return steps;
  }

  /**
   * The phase name a step of {@code p} carries: the phase's word, or the block's name ("setup",
   * "teardown") for a phase of a once-per-cell block, so the events, the report and the teardown
   * rule see the block as one phase.
   */
  public String label(Phase p) {
    return block != null ? block : p.word();
  }

  /** Plans the phases of a once-per-cell block under its name. */
  void planBlock(String name, List<Phase> phases) {
    block = name;
    try {
      for (Phase p : phases) PhasePlanners.plan(p, this);
    } finally {
      block = null;
    }
  }

  public void add(Step step) {
    steps.add(step);
  }

  public void addAll(List<? extends Step> more) {
    steps.addAll(more);
  }

  /**
   * This phase cannot be run by this build of kexp: {@code kexp check}, {@code plan} and {@code
   * run} stop with the reason at its line, before anything is done.
   */
  public void refuse(SourceRef at, String message) {
    Problem p = Problem.error(at, message);
    if (!refusals.contains(p)) refusals.add(p);
  }

  /** Whether load phases are aimed at the workload (not at a URL of the file's own). */
  public boolean loadTargetsWorkload() {
    return experiment.workload() != null
        && !(experiment.load().target() instanceof Target.Url)
        && experiment.phases().stream().anyMatch(p -> p instanceof Phase.LoadPhase);
  }

  /** The cluster's distribution, or null for plain nodes (then no phase needs it). */
  public Distro distro() {
    return cluster.distro() == null ? null : Stdlib.get().distros().get(cluster.distro().word());
  }

  /** The cluster's container runtime, or null when it has none. */
  public ContainerRuntime runtime() {
    return cluster.runtime() == null ? null : Stdlib.get().runtimes().get(cluster.runtime().word());
  }

  /** What the stdlib needs of the cluster, as plain values. */
  public Setup setup() {
    return Planner.setup(cluster);
  }

  public static Step.OnNode onNode(String phase, Node n, String action, List<Cmd> commands) {
    return new Step.OnNode(phase, n.host(), n.role(), action, commands);
  }

  /** The join tokens the workers use, created on the master: one, or one per worker. */
  public List<Cmd> tokens() {
    Distro d = distro();
    if (cluster.workers().isEmpty()) return List.of();
    if (!d.tokenPerWorker()) return List.of(d.joinToken(setup(), tokenName(null)));
    return cluster.workers().stream().map(n -> d.joinToken(setup(), tokenName(n.host()))).toList();
  }

  /** The name a worker's join token is captured under. */
  public String tokenName(String worker) {
    return distro().tokenPerWorker() && worker != null ? "join-token-" + worker : "join-token";
  }
}
