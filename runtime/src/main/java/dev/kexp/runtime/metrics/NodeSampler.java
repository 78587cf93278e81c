package dev.kexp.runtime.metrics;

import dev.kexp.runtime.results.NodeSamplesFile;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples the /proc counters of several nodes every interval on one daemon thread and hands a
 * {@link NodeSamplesFile.Row sample} per node and interval to a consumer. The first reading of a
 * node is only a baseline, so samples start one interval after {@link #start}.
 */
public final class NodeSampler implements AutoCloseable {

  /** One node to sample. */
  public record Target(String node, String role, ProcSource source) {
    public Target {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(source, "source");
    }
  }

  private static final System.Logger LOG = System.getLogger(NodeSampler.class.getName());

  private final List<Target> targets;
  private final Consumer<NodeSamplesFile.Row> consumer;
  private final ScheduledExecutorService executor;
  private final Map<String, ProcSnapshot> previous = new HashMap<>();
  private final Set<String> failing = new HashSet<>();
  private final long startedNanos = System.nanoTime();
  // Written by the sampler thread, read by whoever asks for the overhead.
  private volatile long rounds;
  private volatile long wallNanos;
  private volatile long cpuNanos;

  /**
   * What sampling cost on this machine, so the report can state it: rounds (one reading of every
   * node), mean wall time per round, and the CPU time of the sampler thread as a share of one core
   * over the time it ran. For remote nodes the reading itself runs there; this is kexp's side.
   */
  public record Overhead(long rounds, double meanRoundMs, double cpuMs, double elapsedMs) {
    public double cpuSharePct() {
      return elapsedMs > 0 ? 100.0 * cpuMs / elapsedMs : Double.NaN;
    }
  }

  private NodeSampler(List<Target> targets, Consumer<NodeSamplesFile.Row> consumer) {
    this.targets = List.copyOf(targets);
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kexp-node-sampler");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Takes the baseline readings now and samples every {@code interval} until closed. */
  public static NodeSampler start(
      List<Target> targets, Duration interval, Consumer<NodeSamplesFile.Row> consumer) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    NodeSampler sampler = new NodeSampler(targets, consumer);
    long periodNanos = interval.toNanos();
    sampler.executor.scheduleAtFixedRate(sampler::sampleAll, 0, periodNanos, TimeUnit.NANOSECONDS);
    return sampler;
  }

  private void sampleAll() {
    long wall = System.nanoTime();
    long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    sampleEach();
    if (cpu >= 0) cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    wallNanos += System.nanoTime() - wall;
    rounds++;
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  public Overhead overhead() {
    long n = rounds;
    return new Overhead(
        n,
        n == 0 ? Double.NaN : wallNanos / 1e6 / n,
        cpuNanos / 1e6,
        (System.nanoTime() - startedNanos) / 1e6);
  }

  private void sampleEach() {
    for (Target target : targets) {
      // Closing interrupts a sample in progress: that is a stop, not a failing node.
      if (Thread.currentThread().isInterrupted()) return;
      // One node failing (unreachable, unparsable) must neither stop the others nor, by throwing
      // out of the scheduled task, cancel all future runs.
      try {
        sample(target);
        if (failing.remove(target.node())) {
          LOG.log(System.Logger.Level.INFO, "sampling " + target.node() + " recovered");
        }
      } catch (IOException | RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) return;
        previous.remove(target.node());
        // Logged once per outage: a node that stays down would otherwise log every interval.
        if (failing.add(target.node())) {
          LOG.log(System.Logger.Level.WARNING, "sampling " + target.node() + " failed: " + e);
        }
      }
    }
  }

  private void sample(Target target) throws IOException {
    Map<String, String> texts = target.source().readAll(ProcParser.FILES);
    ProcSnapshot now = ProcParser.snapshot(texts, System.currentTimeMillis(), System.nanoTime());
    ProcSnapshot before = previous.put(target.node(), now);
    if (before != null) {
      consumer.accept(ProcParser.between(before, now, target.node(), target.role()));
    }
  }

  /** Stops sampling; a sample in progress is interrupted and returns shortly. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
