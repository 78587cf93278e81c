package dev.kexp.runtime.exec;

import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Header;
import dev.kexp.runtime.control.Fanout;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Nodes;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.function.EmbeddedFunctionServer;
import dev.kexp.runtime.load.LoadEngine;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.LoadSummary;
import dev.kexp.runtime.load.SecondRow;
import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.load.SeriesWriter;
import dev.kexp.runtime.metrics.LocalProcSource;
import dev.kexp.runtime.metrics.NodeSampleWriter;
import dev.kexp.runtime.metrics.NodeSampler;
import dev.kexp.runtime.metrics.RemoteProcSource;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.EventLog;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.runtime.results.ResultsDir;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Hypervisor;
import dev.kexp.stdlib.Stdlib;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out a {@link Plan}, step by step, writing every measurement to the results directory as
 * it is taken. A failed step ends the experiment there; a stop request (Ctrl-C) ends it after the
 * current second. Either way, what was measured stays on disk and the manifest says how far it got.
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
   */
  public record Options(Remotes.ClusterOpener opener, boolean ignoreHypervisor, int forks) {
    public static Options defaults() {
      return new Options(
          Remotes.ssh(false, Remotes.DEFAULT_KNOWN_HOSTS), false, Fanout.DEFAULT_FORKS);
    }
  }

  private final Plan plan;
  private final Experiment experiment;
  private final ResultsDir results;
  private final PrintStream log;
  private final AtomicBoolean stop;
  private final Options options;

  public Interpreter(
      Plan plan, Experiment experiment, ResultsDir results, PrintStream log, AtomicBoolean stop) {
    this(plan, experiment, results, log, stop, Options.defaults());
  }

  public Interpreter(
      Plan plan,
      Experiment experiment,
      ResultsDir results,
      PrintStream log,
      AtomicBoolean stop,
      Options options) {
    this.plan = plan;
    this.experiment = experiment;
    this.results = results;
    this.log = log;
    this.stop = stop;
    this.options = options;
  }

  public Outcome run() {
    List<String> breakpoints = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      for (RunPlan run : plan.runs()) {
        if (stop.get()) break;
        String error = runOne(vertx, run, breakpoints);
        if (error != null) {
          results.manifest().ended(Manifest.Status.FAILED);
          return new Outcome(Manifest.Status.FAILED, breakpoints, error);
        }
      }
      Manifest.Status status = stop.get() ? Manifest.Status.PARTIAL : Manifest.Status.COMPLETE;
      results.manifest().ended(status);
      return new Outcome(status, breakpoints, null);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** One run; returns the error that ended it, or null. */
  private String runOne(Vertx vertx, RunPlan run, List<String> breakpoints) {
    log.printf(
        "%nrun %s  (%d of %d)%n", run.id(), plan.runs().indexOf(run) + 1, plan.runs().size());
    Run state;
    try {
      Path dir = results.runDir(run);
      results.manifest().runStarted(run.id(), run.cell(), run.repetition(), run.dir());
      Cluster cluster = cluster(run);
      state = new Run(vertx, dir, new EventLog(dir.resolve("events.jsonl")), cluster, run.id());
      Redactor redactor = new Redactor();
      if (!cluster.local()) {
        Stdlib.get()
            .distros()
            .get(cluster.distro().word())
            .secretPatterns()
            .forEach(redactor::addPattern);
      }
      state.remotes =
          new Nodes(
              dir.resolve("nodes"),
              redactor,
              (node, nodeLog) -> options.opener().open(cluster, node, nodeLog));
    } catch (IOException e) {
      return "cannot write results: " + e.getMessage();
    }
    String error = null;
    String phase = null;
    int index = 0;
    try {
      List<Step> steps = run.steps();
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        if (stop.get()) break;
        if (!step.phase().equals(phase)) {
          if (phase != null && !BOOKKEEPING.contains(phase))
            state.events.event("phase-end", phase, index, Map.of());
          phase = step.phase();
          if (!BOOKKEEPING.contains(phase)) {
            index++;
            state.events.event("phase-start", phase, index, Map.of());
          }
        }
        if (step instanceof Step.OnNode first) {
          // Consecutive steps that do the same thing on different nodes run together.
          List<Step.OnNode> group = new ArrayList<>(List.of(first));
          while (i + 1 < steps.size() && first.parallelWith(steps.get(i + 1))) {
            group.add((Step.OnNode) steps.get(++i));
          }
          for (Step.OnNode n : group) log.printf("  %-12s %s%n", n.phase(), n.describe());
          onNodes(group, state);
          continue;
        }
        log.printf("  %-12s %s%n", step.phase(), step.describe());
        execute(step, state, breakpoints, run);
      }
    } catch (IOException | RuntimeException | StepFailed e) {
      error =
          e instanceof StepNotAvailable || e instanceof StepFailed ? e.getMessage() : describe(e);
      state.events.event("error", phase == null ? "" : phase, index, Map.of("message", error));
      log.println("  error: " + error);
    } finally {
      if (phase != null && !BOOKKEEPING.contains(phase))
        state.events.event("phase-end", phase, index, Map.of());
      state.close(log);
    }
    Manifest.Status status =
        error != null
            ? Manifest.Status.FAILED
            : stop.get() ? Manifest.Status.PARTIAL : Manifest.Status.COMPLETE;
    results.manifest().runEnded(run.id(), status, error);
    return error;
  }

  private Cluster cluster(RunPlan run) {
    for (Cell c : experiment.cells()) if (c.name().equals(run.cell())) return c.cluster();
    throw new IllegalStateException("no matrix cell " + run.cell());
  }

  /** A step that failed on a node: the message names the node, the step and why. */
  static final class StepFailed extends Exception {
    StepFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Runs steps on their nodes, in parallel; the first failure cancels the others. */
  private void onNodes(List<Step.OnNode> group, Run state) throws StepFailed {
    fanout(
        group,
        n -> {
          Remote r = state.remotes.get(n.node());
          try {
            NodeSteps.run(n.describe(), n.commands(), r, state.remotes.log(n.node()), state.values);
          } catch (Remote.RemoteException e) {
            // Unreachable, timed out or cancelled: say which step it was.
            throw new Remote.RemoteException(n.describe() + ": " + e.getMessage(), e);
          }
        });
  }

  private <T> void fanout(List<T> items, Fanout.Task<T> task) throws StepFailed {
    try {
      Fanout.each(items, options.forks(), task);
    } catch (Fanout.Failure f) {
      StringBuilder m = new StringBuilder(describe(f.getCause()));
      for (Throwable other : f.getSuppressed()) {
        m.append("\n  and: ").append(describe(other.getCause() != null ? other.getCause() : other));
      }
      throw new StepFailed(m.toString(), f.getCause());
    }
  }

  private void checkHypervisor(Step.CheckHypervisor h, Run state) throws StepFailed {
    Hypervisor declared = Stdlib.get().hypervisors().get(h.hypervisor());
    Map<String, String> problems = new java.util.concurrent.ConcurrentSkipListMap<>();
    fanout(
        h.nodes(),
        node -> {
          String out =
              NodeSteps.run(
                  h.describe(),
                  h.probe(),
                  state.remotes.get(node),
                  state.remotes.log(node),
                  state.values,
                  false);
          Map<String, String> found = Hypervisor.parse(out);
          results.manifest().runFact(state.id, node, "hypervisor", found);
          declared.mismatch(h.mode(), found).ifPresent(p -> problems.put(node, p));
        });
    if (problems.isEmpty()) return;
    String declaredText = h.hypervisor() + (h.mode() == null ? "" : " " + h.mode());
    StringBuilder m = new StringBuilder();
    problems.forEach(
        (node, p) -> m.append(m.length() == 0 ? "" : "; ").append(node).append(" is ").append(p));
    if (options.ignoreHypervisor()) {
      log.printf(
          "  %-12s warning: %s (declared %s; going on: --ignore-hypervisor)%n",
          "", m, declaredText);
      state.events.event("warning", h.phase(), 0, Map.of("message", m.toString()));
      return;
    }
    throw new StepFailed(
        "the nodes are not what the file declares (hypervisor "
            + declaredText
            + "): "
            + m
            + "; fix the file, or run with --ignore-hypervisor to go on anyway",
        null);
  }

  private void nodeFacts(Step.NodeFacts f, Run state) throws StepFailed {
    fanout(
        f.nodes(),
        node -> {
          Remote r = state.remotes.get(node);
          NodeLog nodeLog = state.remotes.log(node);
          for (Map.Entry<String, Cmd> fact : f.facts().entrySet()) {
            String value;
            try {
              value =
                  NodeSteps.run(f.describe(), fact.getValue(), r, nodeLog, state.values, false)
                      .strip();
            } catch (NodeSteps.CommandFailed e) {
              // A fact that cannot be read is recorded as such; it does not stop the experiment.
              value = "(unknown: " + e.getMessage() + ")";
            }
            results.manifest().runFact(state.id, node, fact.getKey(), value);
          }
        });
  }

  private void fetchKubeconfig(Step.FetchKubeconfig k, Run state) throws StepFailed {
    fanout(
        List.of(k.node()),
        node -> {
          String yaml =
              NodeSteps.run(
                  k.describe(),
                  k.command(),
                  state.remotes.get(node),
                  state.remotes.log(node),
                  state.values,
                  true);
          state.kubeconfig = Kubeconfig.pointAt(yaml, node);
        });
  }

  private void execute(Step step, Run state, List<String> breakpoints, RunPlan run)
      throws IOException, StepFailed {
    if (step instanceof Step.UseLocalMachine) {
      return;
    } else if (step instanceof Step.CheckHypervisor h) {
      checkHypervisor(h, state);
    } else if (step instanceof Step.NodeFacts f) {
      nodeFacts(f, state);
    } else if (step instanceof Step.FetchKubeconfig k) {
      fetchKubeconfig(k, state);
    } else if (step instanceof Step.ServeFunction f) {
      state.function = EmbeddedFunctionServer.start(state.vertx, f.name(), f.arg());
      log.printf("  %-12s function %s listening at %s%n", "", f.name(), state.function.url());
    } else if (step instanceof Step.StartSampling s) {
      List<NodeSampler.Target> targets = new ArrayList<>();
      for (String node : s.nodes()) {
        if (state.cluster.local()) {
          targets.add(new NodeSampler.Target(node, "local", new LocalProcSource()));
        } else {
          String role =
              state.cluster.nodes().stream()
                  .filter(n -> n.host().equals(node))
                  .map(n -> n.role().name().toLowerCase(Locale.ROOT))
                  .findFirst()
                  .orElse("node");
          targets.add(
              new NodeSampler.Target(node, role, new RemoteProcSource(state.remotes.quiet(node))));
        }
      }
      state.nodes = new NodeSampleWriter(state.dir);
      state.sampler = NodeSampler.start(targets, s.every(), state.nodes);
    } else if (step instanceof Step.StopSampling) {
      state.stopSampling();
    } else if (step instanceof Step.StopFunction) {
      state.stopFunction();
    } else if (step instanceof Step.Load l) {
      load(l, state, breakpoints, run);
    } else if (step instanceof Step.Wait w) {
      sleep(w.duration());
    } else if (step instanceof Step.Pause p) {
      sleep(p.duration());
    } else {
      throw new StepNotAvailable(
          "'"
              + step.describe()
              + "' needs the Kubernetes client (or the benchmark runner), which this build of kexp does not have yet; use cluster { local } to run here");
    }
  }

  private void load(Step.Load l, Run state, List<String> breakpoints, RunPlan run)
      throws IOException {
    URI url;
    if (l.target().startsWith("function:")) {
      if (state.function == null)
        throw new IllegalStateException("the function is not being served");
      url = URI.create(state.function.url());
    } else {
      url = URI.create(l.target());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : experiment.load().headers()) {
      headers.put(h.name(), h.secret() != null ? h.secret().reveal() : h.value());
    }
    byte[] body = l.body() == null ? null : l.body().getBytes(StandardCharsets.UTF_8);
    LoadRequest request = new LoadRequest(url, l.method(), headers, body, l.timeout(), l.think());
    List<LoadSegment> segments = new ArrayList<>();
    for (Step.Segment s : l.segments()) {
      LoadSegment.Model model =
          s.model().equals("open") ? LoadSegment.Model.OPEN : LoadSegment.Model.CLOSED;
      segments.add(new LoadSegment(model, s.from(), s.to(), s.duration(), l.phase()));
    }
    if (state.series == null) state.series = new SeriesWriter(state.dir);
    SecondSink sink = new Progress(state.series, l, log);
    List<BreakpointWatch> watches = new ArrayList<>();
    for (Breakpoint b : experiment.thresholds()) {
      BreakpointWatch w = new BreakpointWatch(sink, b);
      watches.add(w);
      sink = w;
    }
    LoadSummary summary =
        new LoadEngine(state.vertx)
            .run(
                request,
                segments,
                sink,
                () -> stop.get() || watches.stream().anyMatch(BreakpointWatch::abort));
    log.printf(
        Locale.ROOT,
        "  %-12s sent %d, completed %d, errors %d, dropped %d, peak %.0f req/s, p50 %.2f ms, p99 %.2f ms%n",
        "",
        summary.sent(),
        summary.completed(),
        summary.errors(),
        summary.dropped(),
        summary.peakRps(),
        summary.p50Ms(),
        summary.p99Ms());
    for (BreakpointWatch w : watches) {
      w.found()
          .ifPresent(
              f -> {
                String what =
                    String.format(
                        Locale.ROOT,
                        "%s: breakpoint in %s at second %d (target %.0f, %.0f req/s, errors %.1f%%, p99 %.1f ms)%s",
                        run.id(),
                        l.phase(),
                        f.at().second(),
                        f.at().target(),
                        f.at().rps(),
                        f.errorShare() * 100,
                        f.p99Ms(),
                        f.threshold().abort() ? ", phase aborted" : "");
                breakpoints.add(what);
                state.events.event(
                    "breakpoint",
                    l.phase(),
                    0,
                    Map.of(
                        "second",
                        f.at().second(),
                        "target",
                        f.at().target(),
                        "rps",
                        f.at().rps(),
                        "error_share",
                        f.errorShare(),
                        "p99_ms",
                        f.p99Ms(),
                        "abort",
                        f.threshold().abort()));
                log.println("  " + what);
              });
    }
  }

  private void sleep(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (!stop.get()) {
      long left = end - System.nanoTime();
      if (left <= 0) return;
      try {
        Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop.set(true);
      }
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A periodic progress line while load runs: every 5 s, so logs stay readable. */
  private static final class Progress implements SecondSink {
    private final SecondSink next;
    private final Step.Load step;
    private final PrintStream log;

    Progress(SecondSink next, Step.Load step, PrintStream log) {
      this.next = next;
      this.step = step;
      this.log = log;
    }

    @Override
    public void acceptHistogram(org.HdrHistogram.Histogram interval) {
      next.acceptHistogram(interval);
    }

    @Override
    public void accept(SecondRow row) {
      next.accept(row);
      if ((row.second() + 1) % 5 == 0) {
        log.printf(
            Locale.ROOT,
            "  %-12s %s/%s  target %.0f  active %d  %.0f req/s  p99 %.2f ms  errors %d%n",
            "",
            Plans.format(Duration.ofSeconds(row.second() + 1)),
            Plans.format(step.duration()),
            row.target(),
            row.active(),
            row.rps(),
            row.p99Ms(),
            row.errors());
      }
    }
  }

  /** What one run holds open; closed in reverse order whatever happens. */
  private static final class Run {
    final Vertx vertx;
    final Path dir;
    final EventLog events;
    EmbeddedFunctionServer function;
    NodeSampler sampler;
    NodeSampleWriter nodes;
    SeriesWriter series;
    final Cluster cluster;
    final String id;
    Nodes remotes;

    /** Values captured on the nodes (join tokens), by name; secrets, redacted in every log. */
    final Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();

    /** The admin kubeconfig of the cluster, once installed; in memory only (credentials). */
    volatile String kubeconfig;

    Run(Vertx vertx, Path dir, EventLog events, Cluster cluster, String id) {
      this.vertx = vertx;
      this.dir = dir;
      this.events = events;
      this.cluster = cluster;
      this.id = id;
    }

    void stopSampling() throws IOException {
      if (sampler != null) sampler.close();
      sampler = null;
      if (nodes != null) nodes.close();
      nodes = null;
    }

    void stopFunction() {
      if (function != null) function.close();
      function = null;
    }

    void close(PrintStream log) {
      try {
        stopSampling();
        stopFunction();
        if (remotes != null) remotes.close();
        if (series != null) series.close();
        events.close();
      } catch (IOException | RuntimeException e) {
        log.println("  warning: could not close the run's files cleanly: " + e.getMessage());
      }
    }
  }
}
