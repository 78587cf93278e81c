package dev.kexp.runtime.load;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's series into a directory: {@code load.csv}, {@code load.jsonl} (the same rows plus
 * errors by class) and {@code latency.hlog}, an HdrHistogram interval log in microseconds. Every
 * row is flushed as it comes, so killing the process loses at most the second in progress.
 */
public final class SeriesWriter implements SecondSink, AutoCloseable {

  public static final String CSV = "load.csv";
  public static final String JSONL = "load.jsonl";
  public static final String HLOG = "latency.hlog";

  /** Column names, shared by the CSV header and the JSON keys. */
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

  /** Microseconds per millisecond: makes the hlog's max column read in milliseconds. */
  private static final double HLOG_MAX_UNIT_RATIO = 1000.0;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final BufferedWriter csv;
  private final BufferedWriter jsonl;
  private final PrintStream hlogStream;
  private final HistogramLogWriter hlog;

  public SeriesWriter(Path directory) throws IOException {
    Files.createDirectories(directory);
    csv = Files.newBufferedWriter(directory.resolve(CSV), StandardCharsets.UTF_8);
    jsonl = Files.newBufferedWriter(directory.resolve(JSONL), StandardCharsets.UTF_8);
    hlogStream =
        new PrintStream(
            new BufferedOutputStream(Files.newOutputStream(directory.resolve(HLOG))),
            false,
            StandardCharsets.US_ASCII);
    hlog = new HistogramLogWriter(hlogStream);
    long now = System.currentTimeMillis();
    hlog.outputLogFormatVersion();
    hlog.outputComment("kexp load latency, values in microseconds");
    hlog.outputStartTime(now);
    hlog.setBaseTime(now);
    hlog.outputBaseTime(now);
    hlog.outputLegend();
    hlogStream.flush();
    csv.write(String.join(",", COLUMNS));
    csv.newLine();
    csv.flush();
  }

  @Override
  public void acceptHistogram(Histogram interval) {
    double start = (interval.getStartTimeStamp() - hlog.getBaseTime()) / 1000.0;
    double end = (interval.getEndTimeStamp() - hlog.getBaseTime()) / 1000.0;
    hlog.outputIntervalHistogram(start, end, interval, HLOG_MAX_UNIT_RATIO);
    hlogStream.flush();
    if (hlogStream.checkError()) {
      throw new UncheckedIOException(new IOException("writing " + HLOG + " failed"));
    }
  }

  @Override
  public void accept(SecondRow row) {
    List<Object> values =
        List.of(
            row.epochMillis(),
            row.second(),
            row.label(),
            decimals(row.target()),
            row.active(),
            row.sent(),
            row.completed(),
            row.errors(),
            row.dropped(),
            decimals(row.rps()),
            decimals(row.p50Ms()),
            decimals(row.p90Ms()),
            decimals(row.p99Ms()),
            decimals(row.p999Ms()),
            decimals(row.maxMs()));
    Map<String, Object> json = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < COLUMNS.size(); i++) {
      Object value = values.get(i);
      json.put(COLUMNS.get(i), value);
      if (i > 0) {
        line.append(',');
      }
      line.append(value instanceof BigDecimal d ? d.toPlainString() : csvField(value.toString()));
    }
    json.put("errors_by_class", row.errorsByClass());
    try {
      csv.write(line.toString());
      csv.newLine();
      csv.flush();
      jsonl.write(JSON.writeValueAsString(json));
      jsonl.newLine();
      jsonl.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Up to three decimals without trailing zeros; BigDecimal keeps JSON from printing 1.0E7. */
  static BigDecimal decimals(double value) {
    if (!Double.isFinite(value)) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
  }

  private static String csvField(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }

  @Override
  public void close() throws IOException {
    try (csv;
        jsonl) {
      hlog.close();
    }
  }
}
