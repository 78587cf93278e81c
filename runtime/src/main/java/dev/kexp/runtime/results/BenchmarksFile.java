package dev.kexp.runtime.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code benchmarks.csv} of a run: one row per cell, repetition, node, tool, level and metric of
 * the benchmarks (sysbench: a thread count; IOzone: a file and record size), long-form so that
 * {@code pandas.read_csv} reads it as it is and a pivot makes any table. Appended and flushed as
 * each level finishes, so a killed run keeps every finished level. The raw output of each level is
 * kept beside it under {@link #RAW_DIR}, and sysbench's intermediate lines in {@link #SERIES}.
 */
public final class BenchmarksFile {
  public static final String FILE = "benchmarks.csv";

  /** The directory of each level's raw output, in the run's directory. */
  public static final String RAW_DIR = "benchmarks";

  /** sysbench's per-interval lines ({@code --report-interval}) of every level. */
  public static final String SERIES = "benchmark-series.csv";

  public static final List<String> COLUMNS =
      List.of(
          "cell",
          "repetition",
          "node",
          "tool",
          "test",
          "threads",
          "file_kb",
          "record_kb",
          "metric",
          "value",
          "unit",
          "epoch_ms");

  public static final List<String> SERIES_COLUMNS =
      List.of(
          "cell",
          "repetition",
          "node",
          "test",
          "threads",
          "second",
          "tps",
          "qps",
          "read_qps",
          "write_qps",
          "other_qps",
          "lat_p95_ms",
          "errors_per_s",
          "reconnects_per_s");

  /**
   * One measured value. {@code threads} is set for sysbench, {@code fileKb} and {@code recordKb}
   * for IOzone (0 where they do not apply, written as an empty field).
   */
  public record Row(
      String cell,
      int repetition,
      String node,
      String tool,
      String test,
      int threads,
      long fileKb,
      long recordKb,
      String metric,
      double value,
      String unit,
      long epochMs) {
    /** The level as the report names it: "4 threads", or "16 MB file, 1 MB records". */
    public String level() {
      if ("sysbench".equals(tool)) return Integer.toString(threads);
      return size(fileKb) + "/" + size(recordKb);
    }

    private static String size(long kb) {
      if (kb >= 1024 * 1024 && kb % (1024 * 1024) == 0) return kb / (1024 * 1024) + "GB";
      if (kb >= 1024 && kb % 1024 == 0) return kb / 1024 + "MB";
      return kb + "kB";
    }
  }

  /** One intermediate line of one sysbench level. */
  public record SeriesRow(
      String cell,
      int repetition,
      String node,
      String test,
      int threads,
      int second,
      double tps,
      double qps,
      double readQps,
      double writeQps,
      double otherQps,
      double latP95Ms,
      double errorsPerSecond,
      double reconnectsPerSecond) {}

  private BenchmarksFile() {}

  /** Appends rows to {@code runDir}'s file (writing the header first if it is new), flushed. */
  public static void append(Path runDir, List<Row> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Row r : rows) {
      lines.add(
          Csv.line(
              List.of(
                  r.cell(),
                  r.repetition(),
                  r.node(),
                  r.tool(),
                  r.test(),
                  r.threads() > 0 ? Integer.toString(r.threads()) : "",
                  r.fileKb() > 0 ? Long.toString(r.fileKb()) : "",
                  r.recordKb() > 0 ? Long.toString(r.recordKb()) : "",
                  r.metric(),
                  Csv.decimals(r.value()),
                  r.unit(),
                  r.epochMs())));
    }
    appendLines(runDir.resolve(FILE), String.join(",", COLUMNS), lines);
  }

  public static void appendSeries(Path runDir, List<SeriesRow> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    for (SeriesRow r : rows) {
      lines.add(
          Csv.line(
              List.of(
                  r.cell(),
                  r.repetition(),
                  r.node(),
                  r.test(),
                  r.threads(),
                  r.second(),
                  Csv.decimals(r.tps()),
                  Csv.decimals(r.qps()),
                  Csv.decimals(r.readQps()),
                  Csv.decimals(r.writeQps()),
                  Csv.decimals(r.otherQps()),
                  Csv.decimals(r.latP95Ms()),
                  Csv.decimals(r.errorsPerSecond()),
                  Csv.decimals(r.reconnectsPerSecond()))));
    }
    appendLines(runDir.resolve(SERIES), String.join(",", SERIES_COLUMNS), lines);
  }

  /** Keeps one level's raw output as {@code benchmarks/NAME}. */
  public static Path raw(Path runDir, String name, String text) throws IOException {
    Path dir = Files.createDirectories(runDir.resolve(RAW_DIR));
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    Path f = dir.resolve(safe);
    // The same level measured twice in one run (two phases alike) keeps both outputs.
    int dot = safe.lastIndexOf('.');
    for (int i = 2; Files.exists(f) && i < 1000; i++) {
      f =
          dir.resolve(
              dot < 0 ? safe + "-" + i : safe.substring(0, dot) + "-" + i + safe.substring(dot));
    }
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static synchronized void appendLines(Path file, String header, List<String> lines)
      throws IOException {
    boolean fresh = !Files.exists(file);
    try (Writer w =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
      if (fresh) w.write(header + "\n");
      for (String l : lines) w.write(l + "\n");
    }
  }

  /**
   * The rows of a run's file; a damaged line (a run killed mid-write) is skipped and said in {@code
   * warnings}. A missing file has no rows.
   */
  public static List<Row> read(Path runDir, List<String> warnings) {
    Path file = runDir.resolve(FILE);
    List<Row> rows = new ArrayList<>();
    if (!Files.exists(file)) return rows;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      warnings.add(file + ": " + e.getMessage());
      return rows;
    }
    if (lines.isEmpty()) return rows;
    List<String[]> body = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) body.add(Csv.split(l));
    Csv.Table t = Csv.Table.of(Csv.split(lines.get(0)), body);
    int skipped = 0;
    for (String[] r : body) {
      try {
        rows.add(
            new Row(
                t.str(r, "cell"),
                (int) t.integer(r, "repetition"),
                t.str(r, "node"),
                t.str(r, "tool"),
                t.str(r, "test"),
                t.str(r, "threads").isEmpty() ? 0 : (int) t.integer(r, "threads"),
                t.str(r, "file_kb").isEmpty() ? 0 : t.integer(r, "file_kb"),
                t.str(r, "record_kb").isEmpty() ? 0 : t.integer(r, "record_kb"),
                t.str(r, "metric"),
                t.num(r, "value"),
                t.str(r, "unit"),
                t.integer(r, "epoch_ms")));
      } catch (RuntimeException e) {
        skipped++;
      }
    }
    if (skipped > 0) warnings.add(file + ": skipped " + skipped + " damaged line(s)");
    return rows;
  }
}
