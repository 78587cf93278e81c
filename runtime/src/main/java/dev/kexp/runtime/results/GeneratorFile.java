package dev.kexp.runtime.results;

import java.util.List;
import java.util.Locale;

/**
 * {@code generator.csv}: how the load generator itself fared, one row a second per loader (this
 * machine's is {@code local}): its process's CPU use, how late work scheduled on its event loops
 * ran, and, in the open model, how far behind its schedule of arrivals it sent. A saturated second
 * measures the loader, not the system under test. Written by {@code load.GeneratorWriter}.
 */
public final class GeneratorFile {
  public static final String CSV = "generator.csv";

  /** A second is generator-bound above these. */
  public static final double CPU_BOUND_PERCENT = 90;

  public static final double LAG_BOUND_MS = 10;
  public static final double BEHIND_BOUND_MS = 10;

  /** What the report and the live status say of a generator-bound second. */
  public static final String BOUND_TEXT =
      "generator-bound: these seconds measure the loader, not the system";

  public static final List<String> COLUMNS =
      List.of(
          "epoch_ms", "second", "loader", "cpu_percent", "lag_ms", "behind_ms", "cores", "bound");

  /**
   * One second of one loader.
   *
   * @param cpuPercent the loader process's CPU time over the second, in % of the cores it may use
   * @param lagMs how late the latest of its event loops' 20 ms probe timers ran, at worst
   * @param behindMs how late the latest open-model arrival was sent, at worst (0 when closed)
   * @param cores the cores the process may use
   */
  public record Row(
      long epochMs,
      long second,
      String loader,
      double cpuPercent,
      double lagMs,
      double behindMs,
      int cores) {

    /** Whether the loader, not the system, limited this second. */
    public boolean bound() {
      return cpuPercent > CPU_BOUND_PERCENT || lagMs > LAG_BOUND_MS || behindMs > BEHIND_BOUND_MS;
    }

    public Row withLoader(String name) {
      return new Row(epochMs, second, name, cpuPercent, lagMs, behindMs, cores);
    }

    /** Why the second is bound, e.g. "cpu 97 %, lag 23 ms"; empty when it is not. */
    public String why() {
      StringBuilder s = new StringBuilder();
      if (cpuPercent > CPU_BOUND_PERCENT)
        s.append(String.format(Locale.ROOT, "cpu %.0f %%", cpuPercent));
      if (lagMs > LAG_BOUND_MS)
        s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "lag %.0f ms", lagMs));
      if (behindMs > BEHIND_BOUND_MS)
        s.append(s.isEmpty() ? "" : ", ")
            .append(String.format(Locale.ROOT, "behind %.0f ms", behindMs));
      return s.toString();
    }
  }

  private GeneratorFile() {}

  public static String csvHeader() {
    return String.join(",", COLUMNS);
  }

  public static String csvLine(Row r) {
    return Csv.line(
        List.of(
            r.epochMs(),
            r.second(),
            r.loader(),
            Csv.decimals(r.cpuPercent()),
            Csv.decimals(r.lagMs()),
            Csv.decimals(r.behindMs()),
            r.cores(),
            r.bound() ? 1 : 0));
  }

  static Row parse(Csv.Rows t, int r) {
    return new Row(
        t.integer(r, "epoch_ms"),
        t.integer(r, "second"),
        t.str(r, "loader"),
        t.num(r, "cpu_percent"),
        t.num(r, "lag_ms"),
        t.num(r, "behind_ms"),
        (int) t.integer(r, "cores"));
  }
}
