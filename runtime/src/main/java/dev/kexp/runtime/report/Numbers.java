package dev.kexp.runtime.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting shared by the report formats; absent values (NaN) have their own spelling. */
final class Numbers {

  /** Shown for a value that cannot be computed, e.g. σ of a single run. */
  static final String ABSENT = "\u2013";

  private Numbers() {}

  /** Machine-readable: plain decimal, 6 decimals at most, empty when absent. */
  static String machine(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    return BigDecimal.valueOf(v)
        .setScale(6, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Human-readable with a precision that suits the magnitude. */
  static String human(double v) {
    if (!Double.isFinite(v)) {
      return ABSENT;
    }
    double a = Math.abs(v);
    String s;
    if (a >= 1000) {
      s = String.format(Locale.ROOT, "%,.0f", v);
    } else if (a >= 100) {
      s = String.format(Locale.ROOT, "%.1f", v);
    } else {
      s = String.format(Locale.ROOT, "%.2f", v);
    }
    // "-0.00" after rounding reads as a sign error
    return s.matches("-0[.,]?0*") ? s.substring(1) : s;
  }

  /** Bytes per second scaled to a readable unit. */
  static String bytesPerSecond(double v) {
    if (!Double.isFinite(v)) {
      return ABSENT;
    }
    String[] units = {"B/s", "KB/s", "MB/s", "GB/s"};
    int u = 0;
    double x = v;
    while (Math.abs(x) >= 1000 && u < units.length - 1) {
      x /= 1000;
      u++;
    }
    return human(x) + " " + units[u];
  }
}
