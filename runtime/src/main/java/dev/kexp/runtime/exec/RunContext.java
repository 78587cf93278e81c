package dev.kexp.runtime.exec;

import dev.kexp.runtime.cluster.ClusterConnector;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.control.Fanout;
import dev.kexp.runtime.control.Nodes;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.function.EmbeddedFunctionServer;
import dev.kexp.runtime.load.SeriesWriter;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventLog;
import dev.kexp.runtime.results.EventsFile;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.stdlib.Cmd;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one run holds while its steps run, and what runners share: the results directory, the nodes,
 * the values captured on them, the cluster connection and what is running (kexp's function, the
 * sampler). Closed in reverse order whatever happens.
 */
public final class RunContext implements AutoCloseable {
  private final Plan plan;
  private final RunPlan run;
  private final Vertx vertx;
  private final Path dir;
  private final EventLog events;
  private final Nodes nodes;
  private final Manifest manifest;
  private final PrintStream log;
  private final AtomicBoolean stop;
  private final Interpreter.Options options;
  private final List<String> breakpoints;
  private final ClusterLink link;
  private final Instant started = Instant.now();

  /** Values captured on the nodes (join tokens), by name; secrets, redacted in every log. */
  private final Map<String, String> values = new ConcurrentHashMap<>();

  private String phase = "";
  private int index;

  /** Where load aimed at the workload goes, once the deploy step found it. */
  public String workloadUrl;

  public EmbeddedFunctionServer function;

  /** The MySQL-compatible server kexp started for {@code cluster { local }}, or null. */
  public dev.kexp.runtime.bench.LocalMysql mysql;

  public final Sampling sampling = new Sampling();
  public SeriesWriter series;

  RunContext(
      Plan plan,
      RunPlan run,
      Vertx vertx,
      Path dir,
      EventLog events,
      Nodes nodes,
      Manifest manifest,
      PrintStream log,
      AtomicBoolean stop,
      Interpreter.Options options,
      ClusterConnector connector,
      List<String> breakpoints) {
    this.plan = plan;
    this.run = run;
    this.vertx = vertx;
    this.dir = dir;
    this.events = events;
    this.nodes = nodes;
    this.manifest = manifest;
    this.log = log;
    this.stop = stop;
    this.options = options;
    this.link =
        new ClusterLink(
            run,
            dir,
            nodes,
            connector,
            (what, detail) -> event(what, Map.of(EventsFile.DETAIL, detail)));
    this.breakpoints = breakpoints;
  }

  public Plan plan() {
    return plan;
  }

  public RunPlan run() {
    return run;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The run's directory in the results. */
  public Path dir() {
    return dir;
  }

  public Manifest manifest() {
    return manifest;
  }

  public Interpreter.Options options() {
    return options;
  }

  public Nodes nodes() {
    return nodes;
  }

  /** Whether the run was asked to stop (Ctrl-C, or a breakpoint that aborts). */
  public boolean stopping() {
    return stop.get();
  }

  /** When the run started: the start of the window of its Prometheus queries. */
  public Instant started() {
    return started;
  }

  /** The thresholds that broke, one line each, for the command's summary. */
  public void breakpointBroke(String what) {
    breakpoints.add(what);
  }

  void enterPhase(String phase, int index) {
    this.phase = phase;
    this.index = index;
  }

  public String phase() {
    return phase;
  }

  /** How many of the file's phases this run has begun. */
  int phaseIndex() {
    return index;
  }

  /** Records an event of the current phase in events.jsonl. */
  public void event(Event name, Map<String, ?> fields) {
    events.event(name, phase, index, fields);
  }

  /** Records an event in events.jsonl as of a phase other than the current one. */
  public void event(Event name, String phase, int index, Map<String, ?> fields) {
    events.event(name, phase, index, fields);
  }

  /** A line in the run's log, indented under the step it belongs to. */
  public void say(String format, Object... args) {
    log.printf(Locale.ROOT, "  %-12s %s%n", "", String.format(Locale.ROOT, format, args));
  }

  /** A warning: in the log and in events.jsonl. */
  public void warn(String message) {
    say("warning: %s", message);
    event(Event.WARNING, Map.of(EventsFile.MESSAGE, message));
  }

  public PrintStream log() {
    return log;
  }

  /** Runs one command of a step on a node of this run, through its remote and its log. */
  public String runOn(String node, String step, Cmd cmd, boolean hideOutput)
      throws NodeSteps.CommandFailed, Remote.RemoteException, IOException {
    return NodeSteps.run(step, cmd, nodes.get(node), nodes.log(node), values, hideOutput);
  }

  /**
   * Runs one command of a step and returns how it ended, without failing on its exit status (see
   * {@link NodeSteps#result}).
   */
  public Remote.CommandResult result(String node, String step, Cmd cmd)
      throws NodeSteps.CommandFailed, Remote.RemoteException, IOException {
    return NodeSteps.result(step, cmd, nodes.get(node), nodes.log(node), values);
  }

  /**
   * Keeps a value for later commands' {@code {{name}}}, as a captured one; a secret is redacted in
   * every log from now on.
   */
  public void keepValue(String name, String value, boolean secret) {
    if (secret) nodes.redactor().add(value);
    values.put(name, value);
  }

  public boolean hasValue(String name) {
    return values.containsKey(name);
  }

  /** Runs a step's commands on a node, in order; the error names the step. */
  public void runAll(String node, String step, List<Cmd> commands)
      throws NodeSteps.CommandFailed, Remote.RemoteException, IOException {
    try {
      NodeSteps.run(step, commands, nodes.get(node), nodes.log(node), values);
    } catch (Remote.RemoteException e) {
      // Unreachable, timed out or cancelled: say which step it was.
      throw new Remote.RemoteException(step + ": " + e.getMessage(), e);
    }
  }

  /** Does {@code task} for each item, in parallel up to --forks; the first failure cancels. */
  public <T> void fanout(List<T> items, Fanout.Task<T> task) throws StepFailed {
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

  /** Sleeps, waking early when the run is asked to stop. */
  public void sleep(Duration d) {
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

  /** Keeps the fetched kubeconfig, in memory only. */
  public void kubeconfig(String yaml) {
    link.kubeconfig(yaml);
  }

  /** The kubeconfig as this machine reaches the API server, or null before the fetch. */
  public String kubeconfig() {
    return link.kubeconfig();
  }

  /** Replica watches start with the cluster connection (now, if it is already made). */
  public void watchReplicas(List<Step.ReplicaWatch> watches) throws IOException {
    link.watchReplicas(watches);
  }

  /** The run's cluster connection (see {@link ClusterLink#cluster}). */
  public ClusterSteps cluster() throws IOException {
    return link.cluster();
  }

  public boolean hasConnector() {
    return link.hasConnector();
  }

  /** Stops sampling and states what it cost, in the log and in the run's manifest entry. */
  public void stopSampling() throws IOException {
    String line = sampling.stop(manifest, run.id());
    if (line != null) say("%s", line);
  }

  public void stopFunction() {
    if (function != null) function.close();
    function = null;
  }

  public void stopMysql() {
    if (mysql != null) mysql.close();
    mysql = null;
  }

  static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Closes what is still open, in reverse order; a failure is a warning in the log. */
  @Override
  public void close() {
    try {
      stopSampling();
    } catch (IOException | RuntimeException e) {
      log.println("  warning: could not stop sampling cleanly: " + e.getMessage());
    }
    try {
      stopFunction();
      stopMysql();
      nodes.close();
      if (series != null) series.close();
      link.disconnect();
      events.close();
    } catch (IOException | RuntimeException e) {
      log.println("  warning: could not close the run's files cleanly: " + e.getMessage());
    }
  }
}
