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
    // Fast path, exact where it is taken: a paper-sized report writes millions of numbers, and
    // BigDecimal's rounding was a sixth of its time. v·10⁶ rounded to a long gives the same digits
    // as rounding the decimal form unless the product lies near a tie, where the slow path decides.
    if (Math.abs(v) < 1e6) {
      double scaled = v * 1e6;
      double rounded = Math.rint(scaled);
      if (Math.abs(Math.abs(scaled - rounded) - 0.5) > 0.01) {
        return sixDecimals((long) rounded);
      }
    }
    return BigDecimal.valueOf(v)
        .setScale(6, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** millionths as a plain decimal without trailing zeros: 1500000 is "1.5", -20 is "-0.00002". */
  private static String sixDecimals(long millionths) {
    if (millionths == 0) return "0";
    StringBuilder out = new StringBuilder(20);
    if (millionths < 0) out.append('-');
    long a = Math.abs(millionths);
    out.append(a / 1_000_000);
    long fraction = a % 1_000_000;
    if (fraction != 0) {
      String digits = Long.toString(fraction + 1_000_000).substring(1); // six digits, zero-padded
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') end--;
      out.append('.').append(digits, 0, end);
    }
    return out.toString();
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
