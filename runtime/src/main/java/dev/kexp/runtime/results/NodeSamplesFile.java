package dev.kexp.runtime.results;

import java.util.List;

/**
 * {@code nodes.csv} of a run: each node's resource use between two /proc readings. Written by
 * {@code metrics.NodeSampleWriter}, read by {@link Results}.
 */
public final class NodeSamplesFile {
  public static final String FILE = "nodes.csv";

  /** Column names in the order of {@link Row}. */
  public static final List<String> COLUMNS =
      List.of(
          "epoch_ms",
          "node",
          "role",
          "cpu_pct",
          "mem_pct",
          "disk_read_bps",
          "disk_write_bps",
          "disk_util_pct",
          "net_rx_bps",
          "net_tx_bps");

  public static final String HEADER = String.join(",", COLUMNS);

  /**
   * Resource use of one node over the interval between two /proc readings; percentages are 0-100
   * and rates are bytes per second.
   */
  public record Row(
      long epochMs,
      String node,
      String role,
      double cpuPct,
      double memPct,
      double diskReadBps,
      double diskWriteBps,
      double diskUtilPct,
      double netRxBps,
      double netTxBps) {}

  private NodeSamplesFile() {}

  /** One line, numbers with up to three decimals. */
  public static String csvLine(Row s) {
    return String.join(
        ",",
        Long.toString(s.epochMs()),
        Csv.field(s.node()),
        Csv.field(s.role()),
        Csv.threeDecimals(s.cpuPct()),
        Csv.threeDecimals(s.memPct()),
        Csv.threeDecimals(s.diskReadBps()),
        Csv.threeDecimals(s.diskWriteBps()),
        Csv.threeDecimals(s.diskUtilPct()),
        Csv.threeDecimals(s.netRxBps()),
        Csv.threeDecimals(s.netTxBps()));
  }

  static Row parse(Csv.Rows t, int r) {
    return new Row(
        t.integer(r, "epoch_ms"),
        t.str(r, "node"),
        t.str(r, "role"),
        t.num(r, "cpu_pct"),
        t.num(r, "mem_pct"),
        t.num(r, "disk_read_bps"),
        t.num(r, "disk_write_bps"),
        t.num(r, "disk_util_pct"),
        t.num(r, "net_rx_bps"),
        t.num(r, "net_tx_bps"));
  }
}
