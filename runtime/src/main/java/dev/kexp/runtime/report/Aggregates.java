package dev.kexp.runtime.report;

import java.util.Collection;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Variance;

/**
 * Mean, sample standard deviation and Student-t 95 % confidence interval of a sample. The
 * arithmetic and the t quantile come from Hipparchus, so the numbers match what a reviewer gets
 * from R or SciPy.
 */
public final class Aggregates {

  private Aggregates() {}

  /**
   * Summary of a sample. Values that cannot be computed are {@link Double#NaN}: the mean for n = 0,
   * σ and the interval for n &lt; 2 (one observation says nothing about spread). {@code min} and
   * {@code max} are the observations' range.
   */
  public record Summary(
      int n, double mean, double sd, double ciLow, double ciHigh, double min, double max) {
    public static final Summary EMPTY =
        new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean hasSpread() {
      return n >= 2;
    }
  }

  /** Summarises the finite values of {@code values}; NaN entries are absent observations. */
  public static Summary of(Collection<Double> values) {
    return summary(finite(values));
  }

  /** As {@link #of(Collection)}, for an array; NaN entries are absent observations. */
  public static Summary of(double[] values) {
    int n = 0;
    for (double v : values) if (Double.isFinite(v)) n++;
    double[] finite = new double[n];
    int i = 0;
    for (double v : values) if (Double.isFinite(v)) finite[i++] = v;
    return summary(finite);
  }

  private static Summary summary(double[] finite) {
    int n = finite.length;
    if (n == 0) {
      return Summary.EMPTY;
    }
    // Hipparchus's Mean and Variance (bias-corrected, n − 1, as papers report σ) without a
    // DescriptiveStatistics each: a paper-sized report summarises a million samples.
    double mean = new Mean().evaluate(finite);
    if (n == 1) {
      return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN, mean, mean);
    }
    double sd = Math.sqrt(new Variance().evaluate(finite, mean));
    double min = finite[0];
    double max = finite[0];
    for (double v : finite) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double half = tCritical95(n - 1) * sd / Math.sqrt(n);
    return new Summary(n, mean, sd, mean - half, mean + half, min, max);
  }

  /** The finite values of a collection in which null and NaN mean "not observed". */
  static double[] finite(Collection<Double> values) {
    return values.stream()
        .filter(v -> v != null && Double.isFinite(v))
        .mapToDouble(Double::doubleValue)
        .toArray();
  }

  /** Two-sided 95 % critical value of Student's t for {@code df} degrees of freedom. */
  public static double tCritical95(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
    }
    if (df < T_CACHE.length) {
      double t = T_CACHE[df];
      if (t == 0) {
        t = new TDistribution(df).inverseCumulativeProbability(0.975);
        T_CACHE[df] = t;
      }
      return t;
    }
    return new TDistribution(df).inverseCumulativeProbability(0.975);
  }

  /**
   * Quantiles by degrees of freedom, computed once: the inverse t distribution is a root search,
   * and a paper-sized report asks for it a million times (every second of every series) with a
   * handful of different df. A race only computes the same value twice.
   */
  private static final double[] T_CACHE = new double[256];
}
