package dev.kexp.runtime.metrics;

import dev.kexp.runtime.results.NodeSamplesFile;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pure parsers for the /proc text netdata reads, so node metrics need no agent on the node: any way
 * of fetching the file contents (local read, one remote {@code cat}) is enough.
 */
public final class ProcParser {

  public static final String STAT = "/proc/stat";
  public static final String MEMINFO = "/proc/meminfo";
  public static final String DISKSTATS = "/proc/diskstats";
  public static final String NET_DEV = "/proc/net/dev";

  /** The files one snapshot needs, in the order a remote reader may concatenate them. */
  public static final List<String> FILES = List.of(STAT, MEMINFO, DISKSTATS, NET_DEV);

  /** /proc/diskstats counts sectors of 512 bytes whatever the device's real sector size. */
  private static final long SECTOR_BYTES = 512;

  /**
   * Whole disks only: partitions (sda1, nvme0n1p2, mmcblk0p1) would count the same I/O twice, and
   * loop, ram, zram, dm and md devices sit on top of (or beside) real disks.
   */
  private static final Pattern WHOLE_DISK =
      Pattern.compile("(?:sd|vd|xvd|hd)[a-z]+|nvme\\d+n\\d+|mmcblk\\d+");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ProcParser() {}

  /** Builds a snapshot from the texts of {@link #FILES}, keyed by path. */
  public static ProcSnapshot snapshot(
      Map<String, String> texts, long epochMillis, long monotonicNanos) {
    return new ProcSnapshot(
        epochMillis,
        monotonicNanos,
        parseStat(require(texts, STAT)),
        parseMeminfo(require(texts, MEMINFO)),
        parseDiskstats(require(texts, DISKSTATS)),
        parseNetDev(require(texts, NET_DEV)));
  }

  private static String require(Map<String, String> texts, String path) {
    String text = texts.get(path);
    if (text == null) {
      throw new IllegalArgumentException("missing " + path);
    }
    return text;
  }

  /** The aggregate {@code cpu} line: user nice system idle iowait irq softirq steal guest... */
  public static ProcSnapshot.Cpu parseStat(String text) {
    for (String line : text.split("\n")) {
      String[] f = WHITESPACE.split(line.strip());
      if (!f[0].equals("cpu")) {
        continue;
      }
      long total = 0;
      // guest and guest_nice (fields 9 and 10) are already included in user and nice.
      for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      return new ProcSnapshot.Cpu(total, idle);
    }
    throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
  }

  public static ProcSnapshot.Memory parseMeminfo(String text) {
    long total = -1;
    long available = -1;
    for (String line : text.split("\n")) {
      String[] f = WHITESPACE.split(line.strip());
      if (f[0].equals("MemTotal:")) {
        total = Long.parseLong(f[1]);
      } else if (f[0].equals("MemAvailable:")) {
        available = Long.parseLong(f[1]);
      }
    }
    if (total <= 0 || available < 0) {
      throw new IllegalArgumentException("/proc/meminfo lacks MemTotal or MemAvailable");
    }
    return new ProcSnapshot.Memory(total, available);
  }

  /** Fields: major minor name reads merged sectors_read ms writes merged sectors_written ms ... */
  public static ProcSnapshot.Disks parseDiskstats(String text) {
    int count = 0;
    long read = 0;
    long written = 0;
    long ioTicks = 0;
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      String[] f = WHITESPACE.split(stripped);
      if (f.length < 13 || !WHOLE_DISK.matcher(f[2]).matches()) {
        continue;
      }
      count++;
      read += Long.parseLong(f[5]) * SECTOR_BYTES;
      written += Long.parseLong(f[9]) * SECTOR_BYTES;
      ioTicks += Long.parseLong(f[12]);
    }
    return new ProcSnapshot.Disks(count, read, written, ioTicks);
  }

  /**
   * Two header lines, then {@code iface: rx_bytes packets errs drop fifo frame compressed multicast
   * tx_bytes ...}. Every interface but lo counts; on a Kubernetes node pod traffic crossing veth or
   * bridge devices is therefore seen more than once, as it is by {@code ifconfig} totals.
   */
  public static ProcSnapshot.Network parseNetDev(String text) {
    long rx = 0;
    long tx = 0;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      if (name.equals("lo")) {
        continue;
      }
      String[] f = WHITESPACE.split(line.substring(colon + 1).strip());
      if (f.length < 9) {
        continue;
      }
      rx += Long.parseLong(f[0]);
      tx += Long.parseLong(f[8]);
    }
    return new ProcSnapshot.Network(rx, tx);
  }

  /**
   * Resource use between two readings of the same node. Counters that went backwards (a reboot, a
   * disk or interface removed) give zero rather than negative rates.
   */
  public static NodeSamplesFile.Row between(
      ProcSnapshot a, ProcSnapshot b, String node, String role) {
    double seconds = (b.monotonicNanos() - a.monotonicNanos()) / 1e9;
    if (seconds <= 0) {
      throw new IllegalArgumentException("second snapshot must be taken after the first");
    }
    long totalTicks = b.cpu().totalTicks() - a.cpu().totalTicks();
    long idleTicks = b.cpu().idleTicks() - a.cpu().idleTicks();
    double cpuPct = totalTicks > 0 ? clampPct(100.0 * (totalTicks - idleTicks) / totalTicks) : 0;
    double memPct =
        clampPct(100.0 * (1.0 - (double) b.memory().availableKb() / b.memory().totalKb()));
    int disks = Math.max(1, b.disks().count());
    double busyMillis = delta(a.disks().ioTicksMillis(), b.disks().ioTicksMillis());
    double diskUtilPct = clampPct(100.0 * busyMillis / (seconds * 1000.0 * disks));
    return new NodeSamplesFile.Row(
        b.epochMillis(),
        node,
        role,
        cpuPct,
        memPct,
        delta(a.disks().bytesRead(), b.disks().bytesRead()) / seconds,
        delta(a.disks().bytesWritten(), b.disks().bytesWritten()) / seconds,
        diskUtilPct,
        delta(a.network().rxBytes(), b.network().rxBytes()) / seconds,
        delta(a.network().txBytes(), b.network().txBytes()) / seconds);
  }

  private static long delta(long before, long after) {
    return Math.max(0, after - before);
  }

  private static double clampPct(double pct) {
    return Math.max(0, Math.min(100, pct));
  }
}
