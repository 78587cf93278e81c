package dev.kexp.runtime.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load series of a run: {@code load.csv} (one row a second), {@code load.jsonl} (the same rows
 * as JSON, plus errors by class) and {@code latency.hlog} (an HdrHistogram interval log in
 * microseconds). Written by {@code load.SeriesWriter}, read by {@link Results}.
 */
public final class LoadSeriesFile {
  public static final String CSV = "load.csv";
  public static final String JSONL = "load.jsonl";
  public static final String HLOG = "latency.hlog";

  /** The extra JSON field of load.jsonl: error counts keyed by error class. */
  public static final String ERRORS_BY_CLASS = "errors_by_class";

  /** Column names, shared by the CSV header and the JSON keys, in the order of {@link Row}. */
  public static final List<String> COLUMNS =
      List.of(
          "epoch_ms",
          "second",
          "phase",
          "target",
          "active",
          "sent",
          "completed",
          "errors",
          "dropped",
          "rps",
          "p50_ms",
          "p90_ms",
          "p99_ms",
          "p999_ms",
          "max_ms");

  /**
   * One second of load. Counts are doubles so that a value missing from a damaged file reads as
   * NaN; they are written as integers.
   */
  public record Row(
      long epochMs,
      long second,
      String phase,
      double target,
      double active,
      double sent,
      double completed,
      double errors,
      double dropped,
      double rps,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs) {

    /** The values in {@link #COLUMNS} order, as written (three decimals at most). */
    List<Object> values() {
      return List.of(
          epochMs,
          second,
          phase,
          Csv.decimals(target),
          Csv.decimals(active),
          Csv.decimals(sent),
          Csv.decimals(completed),
          Csv.decimals(errors),
          Csv.decimals(dropped),
          Csv.decimals(rps),
          Csv.decimals(p50Ms),
          Csv.decimals(p90Ms),
          Csv.decimals(p99Ms),
          Csv.decimals(p999Ms),
          Csv.decimals(maxMs));
    }
  }

  private LoadSeriesFile() {}

  public static String csvHeader() {
    return String.join(",", COLUMNS);
  }

  public static String csvLine(Row row) {
    return Csv.line(row.values());
  }

  /** One line of load.jsonl: the row's columns, then {@link #ERRORS_BY_CLASS}. */
  public static Map<String, Object> json(Row row, Map<String, Long> errorsByClass) {
    Map<String, Object> json = new LinkedHashMap<>();
    List<Object> values = row.values();
    for (int i = 0; i < COLUMNS.size(); i++) {
      json.put(COLUMNS.get(i), values.get(i));
    }
    json.put(ERRORS_BY_CLASS, errorsByClass);
    return json;
  }

  static Row parse(Csv.Table t, String[] r) {
    return new Row(
        t.integer(r, "epoch_ms"),
        t.integer(r, "second"),
        t.str(r, "phase"),
        t.num(r, "target"),
        t.num(r, "active"),
        t.num(r, "sent"),
        t.num(r, "completed"),
        t.num(r, "errors"),
        t.num(r, "dropped"),
        t.num(r, "rps"),
        t.num(r, "p50_ms"),
        t.num(r, "p90_ms"),
        t.num(r, "p99_ms"),
        t.num(r, "p999_ms"),
        t.num(r, "max_ms"));
  }
}
