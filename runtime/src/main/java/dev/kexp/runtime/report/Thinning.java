package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * A long series drawn a bucket of consecutive seconds a point: the mean of the bucket's means, and
 * the outer edges of its bands, so a peak's band is never narrowed. A chart is about a thousand
 * pixels wide; a 32-minute run drawn every second only made the page and the images big, and slow
 * to write. series.csv and the pgfplots data keep every second.
 */
final class Thinning {

  private Thinning() {}

  /** Seconds per drawn point so that a line of {@code size} points has at most {@code max}. */
  static int every(int size, int max) {
    return Math.max(1, (int) Math.ceil(size / (double) max));
  }

  /**
   * The points as drawn: each bucket's first second, its mean, and a summary whose range and
   * interval are the bucket's band edges ({@link Band#of} of it gives those edges back).
   */
  static List<Point> thin(List<Point> points, boolean percent, int max) {
    int every = every(points.size(), max);
    if (every == 1) return points;
    List<Point> out = new ArrayList<>(points.size() / every + 1);
    for (int from = 0; from < points.size(); from += every) {
      int to = Math.min(points.size(), from + every);
      double sum = 0;
      int means = 0;
      int n = 0;
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        Summary s = points.get(i).summary();
        if (Double.isFinite(s.mean())) {
          sum += s.mean();
          means++;
        }
        Band b = Band.of(s, percent);
        if (b != null) {
          low = Math.min(low, b.low());
          high = Math.max(high, b.high());
          n = Math.max(n, s.n());
        }
      }
      double mean = means == 0 ? Double.NaN : sum / means;
      Summary drawn =
          n >= 2
              ? new Summary(n, mean, Double.NaN, low, high, low, high)
              : new Summary(
                  means == 0 ? 0 : 1, mean, Double.NaN, Double.NaN, Double.NaN, mean, mean);
      out.add(new Point(points.get(from).second(), drawn));
    }
    return out;
  }
}
