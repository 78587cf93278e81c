package dev.kexp.dsl.units;

import dev.kexp.dsl.model.Percent;
import dev.kexp.dsl.model.Size;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The units of the language, as a Groovy extension module: {@code 30.min}, {@code 512.mb}, {@code
 * 5.percent}. An extension module (not a category or a metaClass patch) works in scripts and the
 * REPL without global mutable state.
 */
public final class Units {
  private Units() {}

  /** The unit words, for the static check and did-you-mean. */
  public static final java.util.List<String> WORDS =
      java.util.List.of("ms", "s", "min", "h", "kb", "mb", "gb", "percent");

  public static Duration getMs(Number self) {
    return millis(self, 1);
  }

  public static Duration getS(Number self) {
    return millis(self, 1_000);
  }

  public static Duration getMin(Number self) {
    return millis(self, 60_000);
  }

  public static Duration getH(Number self) {
    return millis(self, 3_600_000);
  }

  public static Size getKb(Number self) {
    return new Size(bytes(self, 1L << 10));
  }

  public static Size getMb(Number self) {
    return new Size(bytes(self, 1L << 20));
  }

  public static Size getGb(Number self) {
    return new Size(bytes(self, 1L << 30));
  }

  public static Percent getPercent(Number self) {
    return new Percent(self.doubleValue());
  }

  /** {@code -1.min}: Groovy's unary minus calls {@code negative()}. */
  public static Duration negative(Duration self) {
    return self.negated();
  }

  /** {@code 2 * 5.min} and {@code 5.min * 2}. */
  public static Duration multiply(Duration self, Number factor) {
    return Duration.ofMillis(Math.round(self.toMillis() * factor.doubleValue()));
  }

  public static Duration multiply(Number self, Duration d) {
    return multiply(d, self);
  }

  public static Duration div(Duration self, Number divisor) {
    return Duration.ofMillis(Math.round(self.toMillis() / divisor.doubleValue()));
  }

  public static Duration plus(Duration self, Duration other) {
    return self.plus(other);
  }

  public static Duration minus(Duration self, Duration other) {
    return self.minus(other);
  }

  private static Duration millis(Number n, long per) {
    return Duration.ofMillis(
        new BigDecimal(n.toString()).multiply(BigDecimal.valueOf(per)).longValue());
  }

  private static long bytes(Number n, long per) {
    return new BigDecimal(n.toString()).multiply(BigDecimal.valueOf(per)).longValue();
  }

  /**
   * How a duration is written back in plans and messages: {@code 30min}, {@code 10s}, {@code 1.5s}.
   */
  public static String format(Duration d) {
    if (d == null) return "-";
    long ms = d.toMillis();
    if (ms == 0) return "0s";
    String sign = ms < 0 ? "-" : "";
    ms = Math.abs(ms);
    if (ms % 3_600_000 == 0) return sign + ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return sign + ms / 60_000 + "min";
    if (ms % 1_000 == 0) return sign + ms / 1_000 + "s";
    if (ms < 1_000) return sign + ms + "ms";
    return sign + BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
  }
}
