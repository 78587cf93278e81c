package dev.kexp.runtime.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.results.PrometheusFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PrometheusFile prometheus.jsonl} of one run: one line per series, with the query's name,
 * the PromQL, the source URL, the series' labels and its [epoch_ms, value] points.
 */
public final class PrometheusSeriesWriter implements AutoCloseable {
  public static final String FILE = PrometheusFile.FILE;
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
    write(row(source, name, promql, series));
  }

  public void write(PrometheusFile.Row row) throws IOException {
    out.write(JSON.writeValueAsString(PrometheusFile.json(row)));
    out.write('\n');
    out.flush();
  }

  /** The row a queried series is written as. */
  public static PrometheusFile.Row row(
      String source, String name, String promql, PrometheusClient.Series series) {
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (PrometheusClient.Point p : series.points()) {
      times.add(p.epochMs());
      values.add(p.value());
    }
    return new PrometheusFile.Row(name, promql, source, series.labels(), times, values);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
