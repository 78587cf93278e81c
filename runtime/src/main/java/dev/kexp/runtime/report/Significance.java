package dev.kexp.runtime.report;

import java.util.Collection;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;
import org.hipparchus.stat.inference.MannWhitneyUTest;
import org.hipparchus.stat.inference.TTest;

/**
 * Whether two matrix cells differ in a metric, over their repetitions: Welch's t-test (no equal
 * variance assumption, since distributions rarely share a variance) and the Mann-Whitney U test (no
 * normality assumption, since 10 runs of a latency maximum are rarely normal), each with an effect
 * size, because with many runs a tiny difference is "significant" and with few a large one is not.
 * The second seed names this comparison as its missing piece.
 */
public final class Significance {

  /**
   * One comparison. {@code d} is Cohen's d with the pooled standard deviation, {@code g} is Hedges'
   * g (d corrected for small samples), {@code rankBiserial} is 2U₁/(n₁n₂) − 1 with U₁ of the first
   * sample, in [−1, 1], positive when the first sample tends to be larger. Values that cannot be
   * computed (fewer than two runs on a side, or no variance at all) are NaN.
   */
  public record Comparison(
      int n1,
      int n2,
      double mean1,
      double mean2,
      double welchT,
      double welchP,
      double mannWhitneyU,
      double mannWhitneyP,
      double cohensD,
      double hedgesG,
      double rankBiserial) {

    /** Both tests below {@code alpha}: the cells differ by either test's standard. */
    public boolean significant(double alpha) {
      return welchP < alpha && mannWhitneyP < alpha;
    }
  }

  private Significance() {}

  public static Comparison compare(Collection<Double> first, Collection<Double> second) {
    double[] a = Aggregates.finite(first);
    double[] b = Aggregates.finite(second);
    double nan = Double.NaN;
    double mean1 = a.length == 0 ? nan : new DescriptiveStatistics(a).getMean();
    double mean2 = b.length == 0 ? nan : new DescriptiveStatistics(b).getMean();
    if (a.length < 2 || b.length < 2) {
      return new Comparison(a.length, b.length, mean1, mean2, nan, nan, nan, nan, nan, nan, nan);
    }
    double var1 = new DescriptiveStatistics(a).getVariance();
    double var2 = new DescriptiveStatistics(b).getVariance();
    double welchT = nan;
    double welchP = nan;
    // Hipparchus refuses a t statistic with zero standard error; identical constant samples have
    // no t, and "not computable" is the honest answer.
    if (var1 + var2 > 0) {
      TTest t = new TTest();
      welchT = t.t(a, b);
      welchP = t.tTest(a, b);
    }
    MannWhitneyUTest mw = new MannWhitneyUTest();
    // Hipparchus reports only the p-value (its U is max(U1, U2)); the rank-biserial correlation
    // needs U of the first sample, with its sign, so that is counted here.
    double u1 = uOfFirst(a, b);
    double mwP = mw.mannWhitneyUTest(a, b);
    int n1 = a.length;
    int n2 = b.length;
    double pooled = Math.sqrt(((n1 - 1) * var1 + (n2 - 1) * var2) / (n1 + n2 - 2));
    double d = pooled > 0 ? (mean1 - mean2) / pooled : nan;
    // Hedges & Olkin's small-sample correction J = 1 − 3 / (4(n1 + n2) − 9).
    double g = d * (1 - 3.0 / (4.0 * (n1 + n2) - 9));
    double rankBiserial = 2.0 * u1 / ((double) n1 * n2) - 1;
    return new Comparison(n1, n2, mean1, mean2, welchT, welchP, u1, mwP, d, g, rankBiserial);
  }

  /** U of the first sample: the pairs (x in a, y in b) with x &gt; y, ties counting one half. */
  static double uOfFirst(double[] a, double[] b) {
    double u = 0;
    for (double x : a) {
      for (double y : b) {
        u += x > y ? 1 : x == y ? 0.5 : 0;
      }
    }
    return u;
  }
}
