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
   * After {@link #COLUMNS} in load.csv: the errors of the second by class (err_http_4xx,
   * err_http_5xx, err_connect_refused, err_reset, err_timeout, err_other), so the CSV alone tells
   * successful responses (completed less the 4xx and 5xx) from failed ones. Files written before
   * these columns read as having no classes.
   */
  public static final List<String> ERROR_COLUMNS =
      java.util.Arrays.stream(dev.kexp.runtime.load.ErrorClass.values())
          .map(c -> "err_" + c.label())
          .toList();

  /** The error classes' labels, in {@link #ERROR_COLUMNS} order: the keys of errorsByClass. */
  private static final List<String> ERROR_CLASSES =
      java.util.Arrays.stream(dev.kexp.runtime.load.ErrorClass.values())
          .map(dev.kexp.runtime.load.ErrorClass::label)
          .toList();

  /**
   * One second of load: what the engine measured and hands to its sinks (the live status, the
   * breakpoint watches, the writer), and what the reader reads back. Counts are for that second
   * only; they are doubles so that a value missing from a damaged file reads as NaN, and are
   * written as integers.
   *
   * @param epochMs wall-clock time at which the second started
   * @param second seconds since the start of the first segment
   * @param phase label of the segment running in the middle of the second
   * @param target users or arrivals per second wanted in the middle of the second
   * @param active users running (closed) or requests in flight (open) when the second ended
   * @param sent requests started
   * @param completed responses received, whatever their status
   * @param errors error responses (4xx, 5xx) plus requests that got no response
   * @param dropped open-model arrivals not sent because the in-flight cap was reached
   * @param rps responses per second: {@code completed} over the second (the last row of a run may
   *     cover a fraction of a second; it is still divided by one second, never by less)
   * @param p50Ms latency percentiles of the responses, in milliseconds; 0 when there were none
   * @param errorsByClass error counts keyed by error class, every class present (load.jsonl's
   *     {@link #ERRORS_BY_CLASS}, load.csv's {@link #ERROR_COLUMNS}); empty when read from a
   *     load.csv written before those columns
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
      double maxMs,
      Map<String, Long> errorsByClass) {

    public Row {
      errorsByClass =
          errorsByClass == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errorsByClass));
    }

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
    return String.join(",", COLUMNS) + "," + String.join(",", ERROR_COLUMNS);
  }

  public static String csvLine(Row row) {
    List<Object> values = new java.util.ArrayList<>(row.values());
    for (dev.kexp.runtime.load.ErrorClass c : dev.kexp.runtime.load.ErrorClass.values()) {
      values.add(row.errorsByClass().getOrDefault(c.label(), 0L));
    }
    return Csv.line(values);
  }

  /** One line of load.jsonl: the row's columns, then {@link #ERRORS_BY_CLASS}. */
  public static Map<String, Object> json(Row row) {
    Map<String, Object> json = new LinkedHashMap<>();
    List<Object> values = row.values();
    for (int i = 0; i < COLUMNS.size(); i++) {
      json.put(COLUMNS.get(i), values.get(i));
    }
    json.put(ERRORS_BY_CLASS, row.errorsByClass());
    return json;
  }

  static Row parse(Csv.Rows t, int r) {
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
        t.num(r, "max_ms"),
        errorsByClass(t, r));
  }

  private static Map<String, Long> errorsByClass(Csv.Rows t, int r) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < ERROR_COLUMNS.size(); i++) {
      double v = t.num(r, ERROR_COLUMNS.get(i));
      if (Double.isFinite(v)) out.put(ERROR_CLASSES.get(i), (long) v);
    }
    return out;
  }
}
