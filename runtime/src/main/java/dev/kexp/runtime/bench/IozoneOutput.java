package dev.kexp.runtime.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IOzone's result table, parsed: for each row (file size and record size, in kB) the throughput of
 * each test that ran, in kB/s. IOzone prints a two-line header naming all fifteen columns and
 * leaves the columns of the tests it did not run blank, so a value belongs to the header column
 * whose right edge is nearest to its own.
 */
public record IozoneOutput(List<Row> rows) {
  /** The columns of IOzone's table after kB and reclen, named as kexp records them. */
  public static final List<String> TESTS =
      List.of(
          "write",
          "rewrite",
          "read",
          "reread",
          "random_read",
          "random_write",
          "bkwd_read",
          "record_rewrite",
          "stride_read",
          "fwrite",
          "frewrite",
          "fread",
          "freread");

  /** One line of the table: kB/s by test, in IOzone's order. */
  public record Row(long fileKb, long recordKb, Map<String, Double> kbPerSecond) {
    public Row {
      kbPerSecond = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kbPerSecond));
    }
  }

  public IozoneOutput {
    rows = List.copyOf(rows);
  }

  /**
   * @throws IllegalArgumentException when the text holds no result table (IOzone failed, or this is
   *     not its output)
   */
  public static IozoneOutput parse(String text) {
    List<String> lines = text.lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith("kB") && lines.get(i).contains("reclen")) {
        header = i;
        break;
      }
    }
    if (header < 0) {
      throw new IllegalArgumentException(
          "iozone printed no result table (no 'kB reclen' header)" + lastLine(lines));
    }
    List<Integer> ends = rightEdges(lines.get(header));
    if (ends.size() != TESTS.size() + 2) {
      throw new IllegalArgumentException(
          "iozone's header has " + ends.size() + " columns, expected " + (TESTS.size() + 2));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = header + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      if (!line.trim().matches("[0-9][0-9 ]*")) break;
      Map<String, Double> values = new LinkedHashMap<>();
      long file = -1;
      long record = -1;
      int pos = 0;
      for (String token : line.trim().split("\\s+")) {
        int start = line.indexOf(token, pos);
        int end = start + token.length();
        pos = end;
        int column = nearest(ends, end);
        if (column == 0) file = Long.parseLong(token);
        else if (column == 1) record = Long.parseLong(token);
        else values.put(TESTS.get(column - 2), Double.parseDouble(token));
      }
      if (file < 0 || record < 0 || values.isEmpty()) {
        throw new IllegalArgumentException(
            "iozone measured nothing for " + line.trim() + lastLine(lines));
      }
      rows.add(new Row(file, record, values));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("iozone's result table is empty" + lastLine(lines));
    }
    return new IozoneOutput(rows);
  }

  private static String lastLine(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) return "; it last said: " + lines.get(i).strip();
    }
    return "";
  }

  private static List<Integer> rightEdges(String header) {
    List<Integer> ends = new ArrayList<>();
    for (int i = 0; i < header.length(); i++) {
      boolean word = !Character.isWhitespace(header.charAt(i));
      boolean last = i + 1 == header.length() || Character.isWhitespace(header.charAt(i + 1));
      if (word && last) ends.add(i + 1);
    }
    return ends;
  }

  private static int nearest(List<Integer> ends, int end) {
    int best = 0;
    for (int c = 1; c < ends.size(); c++) {
      if (Math.abs(ends.get(c) - end) < Math.abs(ends.get(best) - end)) best = c;
    }
    return best;
  }
}
