package dev.kexp.runtime.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
      return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
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
