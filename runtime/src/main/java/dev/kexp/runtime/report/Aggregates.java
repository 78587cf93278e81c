package dev.kexp.runtime.report;

import java.util.Collection;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;

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
    double[] finite = finite(values);
    int n = finite.length;
    if (n == 0) {
      return Summary.EMPTY;
    }
    DescriptiveStatistics stats = new DescriptiveStatistics(finite);
    double mean = stats.getMean();
    if (n == 1) {
      return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN, mean, mean);
    }
    double sd = stats.getStandardDeviation(); // bias-corrected (n − 1), as papers report σ
    double half = tCritical95(n - 1) * sd / Math.sqrt(n);
    return new Summary(n, mean, sd, mean - half, mean + half, stats.getMin(), stats.getMax());
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
    return new TDistribution(df).inverseCumulativeProbability(0.975);
  }
}
