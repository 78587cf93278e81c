package dev.kexp.runtime.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * prometheus.jsonl of one run: one line per series, with the query's name, the PromQL, the source
 * URL, the series' labels and its [epoch_ms, value] points. JSON lines rather than CSV because
 * label sets are open-ended and contain commas; pandas reads it with {@code read_json(lines=True)}.
 */
public final class PrometheusSeriesWriter implements AutoCloseable {
  public static final String FILE = "prometheus.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public PrometheusSeriesWriter(Path runDir) throws IOException {
    out =
        Files.newBufferedWriter(
            runDir.resolve(FILE),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
  }

  public void write(String source, String name, String promql, PrometheusClient.Series series)
      throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("query", name);
    line.put("promql", promql);
    line.put("source", source);
    line.put("labels", series.labels());
    List<Object[]> values = new ArrayList<>();
    for (PrometheusClient.Point p : series.points()) {
      // JSON has no NaN or infinity; Prometheus's own string spelling keeps them.
      Object v = Double.isFinite(p.value()) ? p.value() : String.valueOf(p.value());
      values.add(new Object[] {p.epochMs(), v});
    }
    line.put("values", values);
    out.write(JSON.writeValueAsString(line));
    out.write('\n');
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
