package dev.kexp.runtime.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The CSV dialect of every results file: comma, RFC 4180 quoting, '\n' line ends, header row. */
final class Csv {
  private Csv() {}

  /** A field, quoted when it holds a comma, a quote or a line break. */
  static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** One line of fields: numbers as {@link #number}, everything else as {@link #field}. */
  static String line(List<?> values) {
    StringBuilder out = new StringBuilder();
    for (Object v : values) {
      if (out.length() > 0) out.append(',');
      out.append(v instanceof BigDecimal d ? d.toPlainString() : field(String.valueOf(v)));
    }
    return out.toString();
  }

  /**
   * Up to three decimals without trailing zeros; a BigDecimal so JSON does not print 1.0E7. Not a
   * number is written as 0, since every column is a count, a rate or a time.
   */
  static BigDecimal decimals(double value) {
    if (!Double.isFinite(value)) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
  }

  /** Up to three decimals without trailing zeros, keeping NaN as "NaN". */
  static String threeDecimals(double value) {
    return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
  }

  /** Splits one line, undoing {@link #field}'s quoting. */
  static String[] split(String line) {
    if (line.indexOf('"') < 0) {
      return splitPlain(line);
    }
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    fields.add(f.toString());
    return fields.toArray(String[]::new);
  }

  /** A line without quotes: the fields between commas, as substrings (most rows are numbers). */
  private static String[] splitPlain(String line) {
    int n = 1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ',') n++;
    }
    String[] fields = new String[n];
    int from = 0;
    for (int f = 0; f < n - 1; f++) {
      int comma = line.indexOf(',', from);
      fields[f] = line.substring(from, comma);
      from = comma + 1;
    }
    fields[n - 1] = line.substring(from);
    return fields;
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * A number as {@link Double#parseDouble} reads it, with a fast path for what the results files
   * hold (plain decimals such as {@code 1800014511934} or {@code -42.48}): at most 15 significant
   * digits divided by an exact power of ten is correctly rounded, because both are exact doubles
   * and IEEE division rounds once (Clinger's fast path, which the JDK also takes, after a slower
   * scan). parseDouble was half the time of loading a paper-sized directory. Anything else
   * (exponents, NaN, more digits) goes to parseDouble.
   */
  static double number(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && s.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    long digits = 0;
    int count = 0;
    int scale = -1; // digits after the point; -1 before a point is seen
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = digits * 10 + (c - '0');
        if (++count > 15) return Double.parseDouble(s);
        if (scale >= 0) scale++;
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return Double.parseDouble(s);
      }
    }
    if (count == 0) return Double.parseDouble(s);
    double v = scale > 0 ? digits / POWERS_OF_TEN[scale] : digits;
    return negative ? -v : v;
  }

  /**
   * The rows of a results file, read from its bytes: each field's place is found once and a number
   * is parsed where it lies, so no String is made per field (a paper-sized directory has two and a
   * half million). Quoted fields are unquoted into Strings. Lines as {@code completeLines} gives
   * them: a last line without its newline was cut off mid-write and is not a row; blank lines and a
   * trailing '\r' are ignored; rows with the header's number of fields are kept, others counted.
   */
  static final class Rows {
    final Map<String, Integer> columns = new HashMap<>();
    final int width;
    final boolean cutOff;
    final int malformed;
    private final byte[] data;
    private int[] bounds; // row r, field c: start at [2(r·width + c)], end after it
    private final Map<Integer, String> unquoted = new HashMap<>();
    private int count;

    Rows(byte[] data) {
      this.data = data;
      int end = data.length;
      int lastNewline = end - 1;
      while (lastNewline >= 0 && data[lastNewline] != '\n') lastNewline--;
      cutOff = !blank(lastNewline + 1, end);
      String[] header = null;
      int bad = 0;
      int w = 0;
      int from = 0;
      while (from <= lastNewline) {
        int to = from;
        while (data[to] != '\n') to++;
        int lineEnd = to > from && data[to - 1] == '\r' ? to - 1 : to;
        if (!blank(from, lineEnd)) {
          if (header == null) {
            header = split(new String(data, from, lineEnd - from, StandardCharsets.UTF_8));
            w = header.length;
            for (int c = 0; c < w; c++) columns.put(header[c].trim(), c);
            bounds = new int[2 * w * 64];
          } else if (!addRow(from, lineEnd, w)) {
            bad++;
          }
        }
        from = to + 1;
      }
      width = w;
      malformed = bad;
    }

    int size() {
      return count;
    }

    private boolean blank(int from, int to) {
      for (int i = from; i < to; i++) {
        if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r') return false;
      }
      return true;
    }

    private boolean addRow(int from, int to, int w) {
      int base = 2 * count * w;
      if (base + 2 * w > bounds.length) bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
      int field = 0;
      int start = from;
      boolean quoted = false;
      boolean hasQuote = false;
      for (int i = from; i <= to; i++) {
        byte b = i < to ? data[i] : (byte) ',';
        if (b == '"') {
          quoted = !quoted;
          hasQuote = true;
        } else if (b == ',' && (!quoted || i == to)) {
          if (field == w) return dropRow(field, w);
          bounds[base + 2 * field] = start;
          bounds[base + 2 * field + 1] = i;
          if (hasQuote) unquoted.put(count * w + field, split(text(start, i, -1))[0]);
          field++;
          start = i + 1;
          hasQuote = false;
        }
      }
      if (field != w) return dropRow(field, w);
      count++;
      return true;
    }

    /** Forgets the unquoted fields of a row that is not kept (the next row takes its place). */
    private boolean dropRow(int fields, int w) {
      for (int f = 0; f < fields; f++) unquoted.remove(count * w + f);
      return false;
    }

    private String text(int start, int end, int key) {
      String u = key < 0 ? null : unquoted.get(key);
      return u != null ? u : new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    String str(int row, String column) {
      Integer c = columns.get(column);
      if (c == null) return "";
      int at = 2 * (row * width + c);
      return text(bounds[at], bounds[at + 1], row * width + c).trim();
    }

    /** A number as {@link Csv#number} reads it; empty is NaN. */
    double num(int row, String column) {
      Integer c = columns.get(column);
      if (c == null) return Double.NaN;
      int key = row * width + c;
      int start = bounds[2 * key];
      int end = bounds[2 * key + 1];
      while (start < end && (data[start] == ' ' || data[start] == '\t')) start++;
      while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\t')) end--;
      if (start == end) return Double.NaN;
      if (data[start] == '"') return number(str(row, column));
      return number(data, start, end);
    }

    long integer(int row, String column) {
      double v = num(row, column);
      if (Double.isNaN(v)) {
        throw new NumberFormatException("empty " + column);
      }
      return (long) v;
    }
  }

  /** {@link #number(String)} of the ASCII bytes from {@code start} to {@code end}. */
  static double number(byte[] s, int start, int end) {
    int i = start;
    boolean negative = false;
    if (s[i] == '-') {
      negative = true;
      i++;
    }
    long digits = 0;
    int count = 0;
    int scale = -1;
    for (; i < end; i++) {
      byte c = s[i];
      if (c >= '0' && c <= '9') {
        digits = digits * 10 + (c - '0');
        if (++count > 15) return slow(s, start, end);
        if (scale >= 0) scale++;
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return slow(s, start, end);
      }
    }
    if (count == 0) return slow(s, start, end);
    double v = scale > 0 ? digits / POWERS_OF_TEN[scale] : digits;
    return negative ? -v : v;
  }

  private static double slow(byte[] s, int start, int end) {
    return Double.parseDouble(new String(s, start, end - start, StandardCharsets.UTF_8));
  }

  /** Header-addressed rows of one file. */
  record Table(Map<String, Integer> columns, List<String[]> rows) {
    static Table of(String[] header, List<String[]> rows) {
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        columns.put(header[i].trim(), i);
      }
      return new Table(columns, rows);
    }

    String str(String[] row, String column) {
      Integer i = columns.get(column);
      return i == null ? "" : row[i].trim();
    }

    double num(String[] row, String column) {
      String s = str(row, column);
      return s.isEmpty() ? Double.NaN : number(s);
    }

    long integer(String[] row, String column) {
      double v = num(row, column);
      if (Double.isNaN(v)) {
        throw new NumberFormatException("empty " + column);
      }
      return (long) v;
    }
  }
}
