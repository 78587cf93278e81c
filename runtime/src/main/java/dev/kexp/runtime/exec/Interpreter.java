package dev.kexp.runtime.exec;

import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Header;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.PrometheusSource;
import dev.kexp.dsl.model.Target;
import dev.kexp.runtime.cluster.ClusterConnector;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.cluster.Kube;
import dev.kexp.runtime.control.Fanout;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Nodes;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.function.EmbeddedFunctionServer;
import dev.kexp.runtime.load.LiveStatus;
import dev.kexp.runtime.load.LoadEngine;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.LoadSummary;
import dev.kexp.runtime.load.LoadVertx;
import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.load.SeriesWriter;
import dev.kexp.runtime.metrics.LocalProcSource;
import dev.kexp.runtime.metrics.NodeSampleWriter;
import dev.kexp.runtime.metrics.NodeSampler;
import dev.kexp.runtime.metrics.RemoteProcSource;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.prometheus.PrometheusClient;
import dev.kexp.runtime.prometheus.PrometheusSeriesWriter;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
  private final ClusterConnector connector;
  private final Options options;

  /** An interpreter without cluster access: Kubernetes steps stop the run with a message. */
  public Interpreter(
      Plan plan, Experiment experiment, ResultsDir results, PrintStream log, AtomicBoolean stop) {
    this(plan, experiment, results, log, stop, Options.defaults(), null);
  }

  public Interpreter(
      Plan plan,
      Experiment experiment,
      ResultsDir results,
      PrintStream log,
      AtomicBoolean stop,
      ClusterConnector connector) {
    this(plan, experiment, results, log, stop, Options.defaults(), connector);
  }

  public Interpreter(
      Plan plan,
      Experiment experiment,
      ResultsDir results,
      PrintStream log,
      AtomicBoolean stop,
      Options options) {
    this(plan, experiment, results, log, stop, options, null);
  }

  /**
   * @param connector reaches each run's cluster for its Kubernetes steps; null to reach it through
   *     the run's own SSH connections and the kubeconfig fetched from the master
   */
  public Interpreter(
      Plan plan,
      Experiment experiment,
      ResultsDir results,
      PrintStream log,
      AtomicBoolean stop,
      Options options,
      ClusterConnector connector) {
    this.plan = plan;
    this.experiment = experiment;
    this.results = results;
    this.log = log;
    this.stop = stop;
    this.options = options;
    this.connector = connector;
  }

  /** How long one Kubernetes wait (rollout, drain, namespace gone, function answering) may take. */
  static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(10);

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
    Run state;
    Instant started = Instant.now();
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
      state.cell = run.cell();
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
        state.phase = phase;
        state.index = index;
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
      state.stopSamplingQuietly(log, results.manifest());
      queryPrometheus(state, started, Instant.now());
      state.close(log, results.manifest());
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
          String out = state.runOn(node, h.describe(), h.probe(), false);
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
          String yaml = state.runOn(node, k.describe(), k.command(), true);
          state.kubeconfig = Kubeconfig.pointAt(yaml, node);
        });
    startRecording(state);
  }

  /** How long the API server may take to answer once the kubeconfig is there. */
  static final Duration REACHABLE_WITHIN = Duration.ofSeconds(10);

  /**
   * Connects as soon as the cluster exists, so events-k8s.jsonl and replicas.csv also cover what
   * happens before the first Kubernetes step (the workload's install, the nodes joining). An API
   * server this machine cannot reach yet is a warning, not a failure: a run without Kubernetes
   * steps does not need it, and the first Kubernetes step connects again and fails with the reason.
   */
  private void startRecording(Run state) {
    String kubeconfig = state.kubeconfig;
    String unreachable = null;
    try {
      if (connector == null) unreachable = Kube.unreachable(kubeconfig, REACHABLE_WITHIN);
      if (unreachable == null) {
        connect(state);
        return;
      }
    } catch (IOException | RuntimeException e) {
      unreachable = describe(e);
    }
    String message =
        "Kubernetes events and replicas are not recorded yet, the API server does not answer ("
            + unreachable
            + "); the first Kubernetes step connects again";
    log.printf("  %-12s warning: %s%n", "", message);
    state.events.event("warning", state.phase, state.index, Map.of("message", message));
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
      state.stopSampling(log, results.manifest());
    } else if (step instanceof Step.StopFunction) {
      state.stopFunction();
    } else if (step instanceof Step.Load l) {
      load(l, state, breakpoints, run);
    } else if (step instanceof Step.Wait w) {
      sleep(w.duration());
    } else if (step instanceof Step.Pause p) {
      sleep(p.duration());
    } else if (step instanceof Step.OnCluster c) {
      onCluster(c, state);
    } else {
      throw new StepNotAvailable(
          "'"
              + step.describe()
              + "' needs the Kubernetes client (or the benchmark runner), which this build of kexp does not have yet; use cluster { local } to run here");
    }
  }

  /** Whether load phases are aimed at the workload (not at a URL of the file's own). */
  private boolean loadTargetsWorkload() {
    return experiment.load() != null
        && !(experiment.load().target() instanceof Target.Url)
        && experiment.phases().stream().anyMatch(p -> p instanceof Phase.LoadPhase);
  }

  private void onCluster(Step.OnCluster c, Run state) throws IOException {
    ClusterSteps cluster = connect(state);
    switch (c.op()) {
      case DEPLOY -> {
        state.workloadUrl = cluster.deploy(experiment.workload(), loadTargetsWorkload());
        log.printf(
            "  %-12s %s serves at %s%n", "", experiment.workload().word(), state.workloadUrl);
        state.events.event(
            "workload-ready", state.phase, state.index, Map.of("url", state.workloadUrl));
      }
      case REMOVE -> cluster.remove(experiment.workload());
      case APPLY -> {
        boolean exposed =
            loadTargetsWorkload()
                && experiment.workload() instanceof dev.kexp.dsl.model.Deployment w
                && w.name().equals(c.deployment().name());
        String url = cluster.apply(c.deployment(), exposed);
        if (exposed) state.workloadUrl = url;
      }
      case APPLY_FILE -> cluster.apply(Path.of(experiment.file()).resolveSibling(c.target()));
      case DELETE -> cluster.delete(c.target());
      case DELETE_FILE -> cluster.delete(Path.of(experiment.file()).resolveSibling(c.target()));
      case DRAIN -> {
        List<String> evicted = cluster.drain(c.target());
        state.events.event(
            "drained", state.phase, state.index, Map.of("node", c.target(), "evicted", evicted));
      }
    }
  }

  /**
   * The run's cluster connection, made once the kubeconfig is fetched (or on the first Kubernetes
   * step), and made again when a later fetch brings a different kubeconfig (the cluster was
   * installed anew); recording starts with it.
   */
  private ClusterSteps connect(Run state) throws IOException {
    String kubeconfig = state.kubeconfig;
    if (state.clusterSteps != null && Objects.equals(state.connectedWith, kubeconfig))
      return state.clusterSteps;
    state.disconnect();
    Cluster cluster = state.cluster;
    ClusterConnector.Connection conn;
    try {
      conn = connector != null ? connector.connect(cluster) : overSsh(state);
    } catch (StepNotAvailable e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot reach the Kubernetes API of " + cluster.master().host() + ": " + describe(e), e);
    }
    state.kube = Kube.fromKubeconfig(conn.kubeconfig());
    state.clusterSteps =
        new ClusterSteps(
            state.kube,
            conn.master(),
            cluster.master().host(),
            conn.kubeconfigOnMaster(),
            state.dir,
            CLUSTER_TIMEOUT,
            (what, detail) ->
                state.events.event(what, state.phase, state.index, Map.of("detail", detail)));
    state.connectedWith = kubeconfig;
    state.clusterSteps.startRecording(experiment.metrics().replicas());
    return state.clusterSteps;
  }

  /**
   * The connection through the run's own SSH connections: the kubeconfig fetched from the master
   * earlier in the run, and a copy of it on the master (mode 0600, in the login's home) for Helm.
   */
  private static ClusterConnector.Connection overSsh(Run state) throws Exception {
    if (state.kubeconfig == null) {
      throw new StepNotAvailable(
          "Kubernetes steps need the cluster's kubeconfig, fetched from the master after install or"
              + " startMaster: add install (or startMaster) before this phase");
    }
    Remote master = state.remotes.get(state.cluster.master().host());
    String onMaster = ".kexp-kubeconfig";
    master.upload(
        state.kubeconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8), onMaster, 0600);
    return new ClusterConnector.Connection(state.kubeconfig, master, onMaster);
  }

  private void load(Step.Load l, Run state, List<String> breakpoints, RunPlan run)
      throws IOException {
    URI url;
    if (l.target().startsWith("function:")) {
      if (state.function == null)
        throw new IllegalStateException("the function is not being served");
      url = URI.create(state.function.url());
    } else if (state.workloadUrl != null
        && state.workloadUrl.startsWith("http")
        && loadTargetsWorkload()) {
      // The plan can only name a NodePort the API server has not chosen yet; the deploy knows it.
      url = URI.create(state.workloadUrl);
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
    LiveStatus status = new LiveStatus(state.series, log, l.duration(), "               ");
    SecondSink sink = status;
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

  /**
   * Queries every named Prometheus query over the run's window and saves the raw series. This runs
   * at the end of each run, also a stopped or failed one, since Prometheus keeps the data; a
   * Prometheus that cannot be reached is recorded in events.jsonl and the log, and the run keeps
   * its status, because the other measurements are still valid.
   */
  private void queryPrometheus(Run state, Instant start, Instant end) {
    List<PrometheusSource> sources = experiment.metrics().prometheus();
    if (sources.isEmpty()) return;
    Duration preferred =
        experiment.metrics().nodesEvery() != null
            ? experiment.metrics().nodesEvery()
            : Duration.ofSeconds(1);
    Duration step = PrometheusClient.step(start, end, preferred);
    try (PrometheusClient client = new PrometheusClient(state.vertx, Duration.ofSeconds(30));
        PrometheusSeriesWriter out = new PrometheusSeriesWriter(state.dir)) {
      for (PrometheusSource source : sources) {
        for (Map.Entry<String, String> q : source.queries().entrySet()) {
          try {
            List<PrometheusClient.Series> series =
                client.queryRange(source.url(), q.getValue(), start, end, step);
            for (PrometheusClient.Series s : series)
              out.write(source.url(), q.getKey(), q.getValue(), s);
            state.events.event(
                "prometheus", "", 0, Map.of("query", q.getKey(), "series", series.size()));
            log.printf("  %-12s prometheus %s: %d series%n", "", q.getKey(), series.size());
          } catch (PrometheusClient.QueryFailed e) {
            state.events.event(
                "prometheus-error", "", 0, Map.of("query", q.getKey(), "message", e.getMessage()));
            log.printf("  %-12s prometheus %s failed: %s%n", "", q.getKey(), e.getMessage());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.println("  warning: could not save the Prometheus series: " + describe(e));
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

    String cell;
    String phase = "";
    int index;
    Kube kube;
    ClusterSteps clusterSteps;
    // The kubeconfig kube was built from, to see when a later fetch brings another.
    String connectedWith;
    String workloadUrl;

    /** Stops recording and closes the Kubernetes client, if there is one. */
    void disconnect() throws IOException {
      try {
        if (clusterSteps != null) clusterSteps.close();
      } finally {
        clusterSteps = null;
        if (kube != null) kube.close();
        kube = null;
      }
    }

    /** Runs one command of a step on a node of this run, through its remote and its log. */
    String runOn(String node, String step, dev.kexp.stdlib.Cmd cmd, boolean hideOutput)
        throws NodeSteps.CommandFailed, Remote.RemoteException, IOException {
      return NodeSteps.run(step, cmd, remotes.get(node), remotes.log(node), values, hideOutput);
    }

    Run(Vertx vertx, Path dir, EventLog events, Cluster cluster, String id) {
      this.vertx = vertx;
      this.dir = dir;
      this.events = events;
      this.cluster = cluster;
      this.id = id;
    }

    /** Stops sampling and states what it cost, in the log and in the run's manifest entry. */
    void stopSampling(PrintStream log, Manifest manifest) throws IOException {
      if (sampler != null) {
        sampler.close();
        NodeSampler.Overhead o = sampler.overhead();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rounds", o.rounds());
        facts.put("mean_round_ms", round3(o.meanRoundMs()));
        facts.put("cpu_ms", round3(o.cpuMs()));
        facts.put("cpu_share_of_one_core_pct", round3(o.cpuSharePct()));
        manifest.runPut(id, "sampler_overhead", facts);
        log.printf(
            Locale.ROOT,
            "  %-12s sampler: %d rounds, %.2f ms each, %.3f %% of one core%n",
            "",
            o.rounds(),
            o.meanRoundMs(),
            o.cpuSharePct());
      }
      sampler = null;
      if (nodes != null) nodes.close();
      nodes = null;
    }

    void stopFunction() {
      if (function != null) function.close();
      function = null;
    }

    void stopSamplingQuietly(PrintStream log, Manifest manifest) {
      try {
        stopSampling(log, manifest);
      } catch (IOException | RuntimeException e) {
        log.println("  warning: could not stop sampling cleanly: " + e.getMessage());
      }
    }

    private static Object round3(double v) {
      return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
    }

    void close(PrintStream log, Manifest manifest) {
      try {
        stopSampling(log, manifest);
        stopFunction();
        if (remotes != null) remotes.close();
        if (series != null) series.close();
        disconnect();
        events.close();
      } catch (IOException | RuntimeException e) {
        log.println("  warning: could not close the run's files cleanly: " + e.getMessage());
      }
    }
  }
}
