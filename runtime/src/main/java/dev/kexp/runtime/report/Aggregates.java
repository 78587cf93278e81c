package dev.kexp.runtime.report;

import java.util.Collection;

/** Mean, sample standard deviation and Student-t 95 % confidence interval of a sample. */
public final class Aggregates {

  private Aggregates() {}

  /**
   * Summary of a sample. Values that cannot be computed are {@link Double#NaN}: the mean for n = 0,
   * σ and the interval for n &lt; 2 (one observation says nothing about spread).
   */
  public record Summary(int n, double mean, double sd, double ciLow, double ciHigh) {
    public static final Summary EMPTY =
        new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean hasSpread() {
      return n >= 2;
    }
  }

  /** Summarises the finite values of {@code values}; NaN entries are absent observations. */
  public static Summary of(Collection<Double> values) {
    int n = 0;
    double sum = 0;
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        n++;
        sum += v;
      }
    }
    if (n == 0) {
      return Summary.EMPTY;
    }
    double mean = sum / n;
    if (n == 1) {
      return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double squares = 0;
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(squares / (n - 1));
    double half = tCritical95(n - 1) * sd / Math.sqrt(n);
    return new Summary(n, mean, sd, mean - half, mean + half);
  }

  // Two-sided 95 % critical values of Student's t for df = 1..30.
  private static final double[] T95 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /**
   * Two-sided 95 % critical value of Student's t for {@code df} degrees of freedom. Beyond the
   * table the value of the nearest tabulated df below is used, which errs towards a wider interval.
   */
  public static double tCritical95(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
    }
    if (df <= T95.length) {
      return T95[df - 1];
    }
    if (df < 40) {
      return 2.042;
    }
    if (df < 60) {
      return 2.021;
    }
    if (df < 120) {
      return 2.000;
    }
    return 1.980;
  }
}
