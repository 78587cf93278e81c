package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import java.util.Collection;

/**
 * The shaded band a chart draws around a mean: the 95 % confidence interval when a second has at
 * least {@link #MIN_FOR_CI} repetitions, the runs' own range (min to max) when it has two (a
 * t-interval with one degree of freedom spans a hundred times σ and says nothing), and nothing with
 * one. Either way it is clamped to what the quantity can take: every metric kexp draws is
 * non-negative, and a percentage is at most 100. The numbers in series.csv and summary.json stay
 * the unclamped statistics; only what is drawn is bounded.
 */
record Band(double low, double high, boolean range) {
  /** Repetitions from which the band is a confidence interval rather than the runs' range. */
  static final int MIN_FOR_CI = 3;

  /** The band of {@code s}, or null when it has fewer than two observations. */
  static Band of(Summary s, boolean percent) {
    if (s.n() < 2) return null;
    boolean range = s.n() < MIN_FOR_CI;
    double low = range ? s.min() : s.ciLow();
    double high = range ? s.max() : s.ciHigh();
    low = Math.max(0, low);
    if (percent) high = Math.min(100, high);
    high = Math.max(low, high);
    return new Band(low, high, range);
  }

  /** Whether a chart's unit is a percentage, which a band must not draw above 100. */
  static boolean percent(String unit) {
    return unit != null && unit.strip().endsWith("%");
  }

  /** What a chart's shaded band is, for its legend or caption; null when it draws none. */
  static String describe(Collection<Summary> points) {
    boolean ci = points.stream().anyMatch(s -> s.n() >= MIN_FOR_CI);
    boolean range = points.stream().anyMatch(s -> s.n() == 2);
    if (ci && range) return "95 % CI across repetitions (range of the runs where there are 2)";
    if (ci) return "95 % CI across repetitions";
    if (range) return "range of the 2 runs (too few for a CI)";
    return null;
  }
}
