package dev.kexp.runtime.results;

import java.util.List;

/**
 * {@code replicas.csv} of a run: a watched Deployment's desired and ready replicas, one row per
 * change. Written by {@code cluster.ReplicaSeries}, read by {@link Results}.
 */
public final class ReplicasFile {
  public static final String FILE = "replicas.csv";

  /** Column names in the order of {@link Row}. */
  public static final List<String> COLUMNS =
      List.of("epoch_ms", "namespace", "name", "desired", "ready");

  public static final String HEADER = String.join(",", COLUMNS);

  /** One change of one Deployment's replica counts. */
  public record Row(long epochMs, String namespace, String name, double desired, double ready) {}

  private ReplicasFile() {}

  /** One line; whole counts are written without decimals. */
  public static String csvLine(Row r) {
    return String.join(
        ",",
        Long.toString(r.epochMs()),
        Csv.field(r.namespace()),
        Csv.field(r.name()),
        Csv.threeDecimals(r.desired()),
        Csv.threeDecimals(r.ready()));
  }

  static Row parse(Csv.Rows t, int r) {
    return new Row(
        t.integer(r, "epoch_ms"),
        t.str(r, "namespace"),
        t.str(r, "name"),
        t.num(r, "desired"),
        t.num(r, "ready"));
  }
}
