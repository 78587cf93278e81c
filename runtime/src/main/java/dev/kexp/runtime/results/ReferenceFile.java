package dev.kexp.runtime.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * reference.csv: published values to set beside the measured ones (named by {@code report ...,
 * reference: 'published.csv'} and kept in the results directory). Columns, by header: {@code
 * metric} (a report metric such as {@code peak_ok_rps}, {@code p99_ms}, {@code level:25:ok_rps},
 * {@code phase_duration_s}, or a node metric {@code cpu_pct}, {@code mem_pct}, {@code
 * disk_util_pct} with a phase and role), {@code cell}, {@code phase} and {@code role} (empty where
 * they do not apply), {@code value}, and optionally {@code sd} and {@code source} (where the paper
 * gives it, e.g. "Table 1"). A ratio of two cells, as papers state "70 % more", is metric {@code
 * ratio:KEY} with cell {@code a/b} and value 1.7. Lines starting with # are comments.
 */
public final class ReferenceFile {
  public static final String FILE = "reference.csv";

  static final List<String> REQUIRED = List.of("metric", "cell", "value");

  /** One published value; {@code sd} is NaN when the paper gives none. */
  public record Row(
      String metric,
      String cell,
      String phase,
      String role,
      double value,
      double sd,
      String source,
      int line) {}

  /** The rows, and what could not be read, each as "file:line:col: message". */
  public record Read(List<Row> rows, List<String> problems) {}

  private ReferenceFile() {}

  public static Read read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String name = file.getFileName().toString();
    Csv.Table table = null;
    List<String> header = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
      String[] f = Csv.split(line);
      if (table == null) {
        header = Arrays.stream(f).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        for (String column : REQUIRED) {
          if (!header.contains(column)) {
            problems.add(
                name
                    + ":"
                    + (i + 1)
                    + ":1: the header has no column '"
                    + column
                    + "' (write: metric,cell,phase,role,value,sd,source)");
          }
        }
        if (!problems.isEmpty()) return new Read(List.of(), problems);
        table = Csv.Table.of(header.toArray(String[]::new), List.of());
        continue;
      }
      if (f.length != header.size()) {
        problems.add(
            name
                + ":"
                + (i + 1)
                + ":1: "
                + f.length
                + " fields where the header has "
                + header.size()
                + " (leave a field empty, e.g. ',,', where it does not apply)");
        continue;
      }
      double value;
      try {
        value = table.num(f, "value");
      } catch (NumberFormatException e) {
        problems.add(
            name
                + ":"
                + (i + 1)
                + ":"
                + (column(line, header.indexOf("value")))
                + ": value '"
                + table.str(f, "value")
                + "' is not a number (write it as 12.5, without units)");
        continue;
      }
      double sd;
      try {
        sd = table.num(f, "sd");
      } catch (NumberFormatException e) {
        sd = Double.NaN;
        problems.add(
            name
                + ":"
                + (i + 1)
                + ":"
                + column(line, header.indexOf("sd"))
                + ": sd '"
                + table.str(f, "sd")
                + "' is not a number; read as none");
      }
      if (Double.isNaN(value)) {
        problems.add(name + ":" + (i + 1) + ":1: no value; the line is left out");
        continue;
      }
      rows.add(
          new Row(
              table.str(f, "metric"),
              table.str(f, "cell"),
              table.str(f, "phase"),
              table.str(f, "role"),
              value,
              sd,
              table.str(f, "source"),
              i + 1));
    }
    if (table == null) problems.add(name + ":1:1: empty: no header and no values");
    return new Read(rows, problems);
  }

  /** The 1-based column at which field {@code index} of a line starts (quotes counted). */
  private static int column(String line, int index) {
    int field = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      if (field == index) return i + 1;
      char c = line.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) field++;
    }
    return line.length() + 1;
  }
}
