package dev.kexp.runtime.load;

import com.sun.management.OperatingSystemMXBean;
import dev.kexp.runtime.results.GeneratorFile;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the generator while it runs: a timer every {@link #PERIOD_MS} ms on each event loop
 * measures how late it fires (a loop busy with responses, or a core taken by something else, runs
 * it late), and the process's CPU time is read at every cut. Lag and CPU say whether a second
 * measured the loader rather than the system.
 */
final class GeneratorProbe {
  static final long PERIOD_MS = 20;

  private final Vertx vertx;
  private final List<Context> loops;
  private final AtomicLong worstLagNanos = new AtomicLong();
  private final int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final OperatingSystemMXBean os =
      ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean o ? o : null;
  private volatile boolean stopped;
  private long lastCpuNanos;
  private long lastWallNanos;

  GeneratorProbe(Vertx vertx, List<Context> loops) {
    this.vertx = vertx;
    this.loops = List.copyOf(loops);
  }

  void start() {
    lastCpuNanos = cpuNanos();
    lastWallNanos = System.nanoTime();
    for (Context loop : loops) loop.runOnContext(v -> arm());
  }

  /** On the loop's own context: a timer set there fires there. */
  private void arm() {
    if (stopped) return;
    long due = System.nanoTime() + PERIOD_MS * 1_000_000;
    vertx.setTimer(
        PERIOD_MS,
        id -> {
          long late = System.nanoTime() - due;
          worstLagNanos.accumulateAndGet(late, Math::max);
          arm();
        });
  }

  void stop() {
    stopped = true;
  }

  /** The second just cut: CPU since the last cut, the worst lag, and the worst lateness given. */
  GeneratorFile.Row cut(long epochMs, long second, long nowNanos, long behindNanos) {
    long cpu = cpuNanos();
    long wall = Math.max(1, nowNanos - lastWallNanos);
    double cpuPercent = cpu < 0 ? Double.NaN : 100.0 * (cpu - lastCpuNanos) / wall / cores;
    lastCpuNanos = cpu;
    lastWallNanos = nowNanos;
    long lag = Math.max(0, worstLagNanos.getAndSet(0));
    return new GeneratorFile.Row(
        epochMs, second, "local", cpuPercent, lag / 1e6, Math.max(0, behindNanos) / 1e6, cores);
  }

  private long cpuNanos() {
    return os == null ? -1 : os.getProcessCpuTime();
  }
}
