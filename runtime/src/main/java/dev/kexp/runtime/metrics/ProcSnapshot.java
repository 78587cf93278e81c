package dev.kexp.runtime.metrics;

/**
 * Raw cumulative counters from one reading of a node's /proc files. Rates need two of these, see
 * {@link ProcParser#between}.
 *
 * @param epochMillis wall-clock time of the reading, for the sample's timestamp
 * @param monotonicNanos {@link System#nanoTime()} of the reading, for the interval length
 */
public record ProcSnapshot(
    long epochMillis, long monotonicNanos, Cpu cpu, Memory memory, Disks disks, Network network) {

  /** Jiffies since boot summed over all CPUs; idle includes iowait. */
  public record Cpu(long totalTicks, long idleTicks) {}

  /** Kibibytes, as /proc/meminfo reports them. */
  public record Memory(long totalKb, long availableKb) {}

  /**
   * Totals over whole physical disks; ioTicksMillis is the summed time each disk had I/O in flight,
   * so dividing by {@code count} gives the average disk's busy time.
   */
  public record Disks(int count, long bytesRead, long bytesWritten, long ioTicksMillis) {}

  /** Bytes received and transmitted, summed over interfaces other than loopback. */
  public record Network(long rxBytes, long txBytes) {}
}
