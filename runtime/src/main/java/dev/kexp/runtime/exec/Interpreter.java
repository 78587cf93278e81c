package dev.kexp.runtime.exec;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.runtime.cluster.ClusterConnector;
import dev.kexp.runtime.control.Fanout;
import dev.kexp.runtime.control.Nodes;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.load.LoadVertx;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventLog;
import dev.kexp.runtime.results.EventsFile;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.runtime.results.ResultsDir;
import dev.kexp.stdlib.Stdlib;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out a {@link Plan}, its only input: a loop over each run's steps, each through its {@link
 * StepRunner}, writing every measurement to the results directory as it is taken. A failed step
 * ends the experiment after the run's teardown steps ({@code uninstall}, {@code stopMaster}; not
 * with {@code --keep-on-failure}); a stop request (Ctrl-C) ends it after the current second. Either
 * way the steps that close what the run opened still run, what was measured stays on disk, and the
 * manifest says how far it got.
 */
public final class Interpreter {
  /** How an experiment ended, and whether a threshold broke. */
  public record Outcome(Manifest.Status status, List<String> breakpoints, String error) {}

  /** Phases that are kexp's own bookkeeping, not phases of the .kexp file. */
  private static final Set<String> BOOKKEEPING = Set.of("prepare", "finish", "pause");

  /**
   * How nodes are reached and how strict the run is.
   *
   * @param opener opens a node of a cluster (SSH for real clusters, see {@link Remotes})
   * @param ignoreHypervisor run even when a node is not what {@code hypervisor} declares
   * @param forks how many nodes a step works on at once
   * @param keepOnFailure after a failed step, leave the cluster as it is for a post-mortem: the
   *     teardown steps do not run
   */
  public record Options(
      Remotes.ClusterOpener opener, boolean ignoreHypervisor, int forks, boolean keepOnFailure) {
    public Options(Remotes.ClusterOpener opener, boolean ignoreHypervisor, int forks) {
      this(opener, ignoreHypervisor, forks, false);
    }

    public static Options defaults() {
      return new Options(
          Remotes.ssh(false, Remotes.DEFAULT_KNOWN_HOSTS), false, Fanout.DEFAULT_FORKS, false);
    }
  }

  private final Plan plan;
  private final ResultsDir results;
  private final PrintStream log;
  private final AtomicBoolean stop;
  private final ClusterConnector connector;
  private final Options options;

  /** An interpreter reaching nodes over SSH with the default options. */
  public Interpreter(Plan plan, ResultsDir results, PrintStream log, AtomicBoolean stop) {
    this(plan, results, log, stop, Options.defaults(), null);
  }

  /**
   * @param connector reaches each run's cluster for its Kubernetes steps; null to reach it through
   *     the run's own SSH connections and the kubeconfig fetched from the master
   */
  public Interpreter(
      Plan plan,
      ResultsDir results,
      PrintStream log,
      AtomicBoolean stop,
      Options options,
      ClusterConnector connector) {
    this.plan = plan;
    this.results = results;
    this.log = log;
    this.stop = stop;
    this.options = options;
    this.connector = connector;
  }

  public Outcome run() {
    List<String> breakpoints = new ArrayList<>();
    Vertx vertx = LoadVertx.create();
    try {
      for (RunPlan run : plan.runs()) {
        if (stop.get()) break;
        String error = runOne(vertx, run, breakpoints);
        if (error != null) {
          results.finish(Manifest.Status.FAILED);
          return new Outcome(Manifest.Status.FAILED, breakpoints, error);
        }
      }
      Manifest.Status status = stop.get() ? Manifest.Status.PARTIAL : Manifest.Status.COMPLETE;
      results.finish(status);
      return new Outcome(status, breakpoints, null);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** One run; returns the error that ended it, or null. */
  private String runOne(Vertx vertx, RunPlan run, List<String> breakpoints) {
    log.printf(
        "%nrun %s  (%d of %d)%n", run.id(), plan.runs().indexOf(run) + 1, plan.runs().size());
    RunContext ctx;
    try {
      Path dir = results.runDir(run);
      results.manifest().runStarted(run.id(), run.cell(), run.repetition(), run.dir());
      ctx =
          new RunContext(
              plan,
              run,
              vertx,
              dir,
              EventLog.in(dir),
              nodes(run, dir),
              results.manifest(),
              log,
              stop,
              options,
              connector,
              breakpoints);
    } catch (IOException e) {
      return "cannot write results: " + e.getMessage();
    }
    String error;
    try (ctx) {
      error = steps(run.steps(), ctx, null);
      List<Step> cellTeardown = cellTeardown(run);
      if (error != null && !cellTeardown.isEmpty()) steps(cellTeardown, ctx, error);
    }
    Manifest.Status status =
        error != null
            ? Manifest.Status.FAILED
            : stop.get() ? Manifest.Status.PARTIAL : Manifest.Status.COMPLETE;
    results.manifest().runEnded(run.id(), status, error);
    return error;
  }

  /**
   * The file's teardown block of the run's cell, when this run is not the cell's last (whose own
   * steps hold it): after a failure the experiment ends here, and the cell's nodes are still to be
   * taken down.
   */
  private List<Step> cellTeardown(RunPlan run) {
    RunPlan last = null;
    for (RunPlan r : plan.runs()) if (r.cell().equals(run.cell())) last = r;
    if (last == null || last == run) return List.of();
    return last.steps().stream().filter(s -> s.phase().equals("teardown")).toList();
  }

  /** The run's nodes: one remote and one log each, with the distribution's secrets redacted. */
  private Nodes nodes(RunPlan run, Path dir) {
    Cluster cluster = run.nodes();
    Redactor redactor = new Redactor();
    if (!cluster.local() && cluster.distro() != null) {
      Stdlib.get()
          .distros()
          .get(cluster.distro().word())
          .secretPatterns()
          .forEach(redactor::addPattern);
    }
    return new Nodes(
        dir.resolve("nodes"),
        redactor,
        (node, nodeLog) -> options.opener().open(cluster, node, nodeLog));
  }

  /**
   * Runs the steps in order. After a failure or a stop, only the steps that must run still do:
   * those that close what the run opened, and (after a failure, without --keep-on-failure) the
   * teardown. Returns the first error, or null.
   *
   * @param error the failure these steps follow, or null
   */
  private String steps(List<Step> steps, RunContext ctx, String error) {
    String phase = null;
    int index = ctx.phaseIndex();
    boolean announcedTeardown = false;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean ending = error != null || stop.get();
      boolean teardown =
          error != null && !stop.get() && !options.keepOnFailure() && step.teardown();
      if (ending && !step.always() && !teardown) continue;
      if (!step.phase().equals(phase) && phase != null && !BOOKKEEPING.contains(phase))
        ctx.event(Event.PHASE_END, phase, index, Map.of());
      if (teardown && !announcedTeardown) {
        announcedTeardown = true;
        ctx.event(Event.TEARDOWN, step.phase(), index, Map.of(EventsFile.AFTER, error));
        log.printf("  %-12s tearing down after the failure (--keep-on-failure keeps it up)%n", "");
      }
      if (!step.phase().equals(phase)) {
        phase = step.phase();
        if (!BOOKKEEPING.contains(phase)) {
          index++;
          ctx.event(Event.PHASE_START, phase, index, Map.of());
        }
      }
      ctx.enterPhase(phase, index);
      StepRunner<Step> runner = StepRunners.of(step);
      List<Step> group = new ArrayList<>(List.of(step));
      while (!ending && i + 1 < steps.size() && runner.together(step, steps.get(i + 1))) {
        group.add(steps.get(++i));
      }
      for (Step s : group) log.printf("  %-12s %s%n", s.phase(), s.describe());
      try {
        runner.runTogether(group, ctx);
      } catch (Exception e) {
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        String message = RunContext.describe(e);
        ctx.event(Event.ERROR, phase, index, Map.of(EventsFile.MESSAGE, message));
        log.println("  error: " + message);
        if (error == null) error = message;
      }
    }
    if (phase != null && !BOOKKEEPING.contains(phase))
      ctx.event(Event.PHASE_END, phase, index, Map.of());
    return error;
  }
}
