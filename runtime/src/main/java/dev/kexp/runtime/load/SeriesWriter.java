package dev.kexp.runtime.load;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's series into a directory: {@code load.csv}, {@code load.jsonl} (the same rows plus
 * errors by class) and {@code latency.hlog}, an HdrHistogram interval log in microseconds; their
 * names and columns are {@link LoadSeriesFile}'s. Every row is flushed as it comes, so killing the
 * process loses at most the second in progress.
 */
public final class SeriesWriter implements SecondSink, AutoCloseable {

  public static final String CSV = LoadSeriesFile.CSV;
  public static final String JSONL = LoadSeriesFile.JSONL;
  public static final String HLOG = LoadSeriesFile.HLOG;

  /** Column names, shared by the CSV header and the JSON keys. */
  public static final List<String> COLUMNS = LoadSeriesFile.COLUMNS;

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
    csv.write(LoadSeriesFile.csvHeader());
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
  public void accept(LoadSeriesFile.Row row) {
    try {
      csv.write(LoadSeriesFile.csvLine(row));
      csv.newLine();
      csv.flush();
      jsonl.write(JSON.writeValueAsString(LoadSeriesFile.json(row)));
      jsonl.newLine();
      jsonl.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (csv;
        jsonl) {
      hlog.close();
    }
  }
}
