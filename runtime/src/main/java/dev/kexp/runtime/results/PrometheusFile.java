package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus.jsonl} of a run: one line per series, with the query's name, the PromQL, the
 * source URL, the series' labels and its [epoch_ms, value] points. JSON lines rather than CSV
 * because label sets are open-ended and contain commas; pandas reads it with {@code
 * read_json(lines=True)}. Written by {@code prometheus.PrometheusSeriesWriter}, read by {@link
 * Results}.
 */
public final class PrometheusFile {
  public static final String FILE = "prometheus.jsonl";

  public static final String QUERY = "query";
  public static final String PROMQL = "promql";
  public static final String SOURCE = "source";
  public static final String LABELS = "labels";
  public static final String VALUES = "values";

  /** The fields of a line, in the order written. */
  public static final List<String> FIELDS = List.of(QUERY, PROMQL, SOURCE, LABELS, VALUES);

  /**
   * One series of one named query. {@code values} are NaN where Prometheus answered NaN or an
   * infinity.
   */
  public record Row(
      String query,
      String promql,
      String source,
      Map<String, String> labels,
      List<Long> times,
      List<Double> values) {
    public Row {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      times = List.copyOf(times);
      values = List.copyOf(values);
    }

    /** The labels as {@code name=value,...}, in the order Prometheus gave them. */
    public String labelText() {
      List<String> parts = new ArrayList<>();
      labels.forEach((k, v) -> parts.add(k + "=" + v));
      return String.join(",", parts);
    }
  }

  private PrometheusFile() {}

  /**
   * One line as written. JSON has no NaN or infinity, so those values are written as strings, in
   * Prometheus's own spelling.
   */
  public static Map<String, Object> json(Row row) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(QUERY, row.query());
    line.put(PROMQL, row.promql());
    line.put(SOURCE, row.source());
    line.put(LABELS, row.labels());
    List<Object[]> values = new ArrayList<>();
    for (int i = 0; i < row.times().size(); i++) {
      double v = row.values().get(i);
      values.add(new Object[] {row.times().get(i), Double.isFinite(v) ? v : String.valueOf(v)});
    }
    line.put(VALUES, values);
    return line;
  }

  static Row parse(JsonNode n) {
    Map<String, String> labels = new LinkedHashMap<>();
    n.path(LABELS).fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (JsonNode v : n.path(VALUES)) {
      times.add(v.get(0).asLong());
      // NaN and infinities were written as strings; they are not plotted.
      values.add(v.get(1).isNumber() ? v.get(1).asDouble() : Double.NaN);
    }
    return new Row(n.path(QUERY).asText(), text(n, PROMQL), text(n, SOURCE), labels, times, values);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
