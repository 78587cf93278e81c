package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.NodeMetric;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.Analysis.RunAnalysis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The second paper's figure 2: box plots of utilisation per event × role across runs, one box per
 * cell. Each observation is one run's mean over the phase window (what Table 1 averages).
 *
 * <p>Quartiles interpolate linearly between order statistics (Hyndman and Fan's type 7, the default
 * of R and NumPy); whiskers reach the most extreme runs within 1.5 IQR of the box; runs beyond are
 * outliers, drawn as points.
 */
final class BoxPlots {

  /** One box: whiskers, quartiles, median, the outliers, and how many runs it summarises. */
  record Box(
      double low, double q1, double median, double q3, double high, List<Double> outliers, int n) {}

  /** A metric's boxes: per event × role (rows of Table 1), per cell (null where it has none). */
  record Figure(
      NodeMetric metric, List<PhaseRole> groups, List<CellAnalysis> cells, Box[][] boxes) {}

  private BoxPlots() {}

  static Box of(List<Double> values) {
    double[] x = Aggregates.finite(values);
    if (x.length == 0) return null;
    Arrays.sort(x);
    double q1 = quantile(x, 0.25);
    double median = quantile(x, 0.5);
    double q3 = quantile(x, 0.75);
    double fence = 1.5 * (q3 - q1);
    double low = q1;
    double high = q3;
    List<Double> outliers = new ArrayList<>();
    for (double v : x) {
      if (v < q1 - fence || v > q3 + fence) outliers.add(v);
      else {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    return new Box(low, q1, median, q3, high, List.copyOf(outliers), x.length);
  }

  /** Type 7: h = (n − 1) p, between the order statistics around h. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** CPU, memory and disk utilisation figures, when the report has Table 1 (a lifecycle). */
  static List<Figure> figures(ReportData data) {
    Lifecycle.Table t = Lifecycle.table(data).orElse(null);
    List<Figure> out = new ArrayList<>();
    if (t == null) return out;
    for (NodeMetric m : t.metrics()) {
      Box[][] boxes = new Box[t.rows().size()][t.cells().size()];
      for (int g = 0; g < t.rows().size(); g++) {
        for (int c = 0; c < t.cells().size(); c++) {
          List<Double> values = new ArrayList<>();
          for (RunAnalysis r : t.cells().get(c).runs()) {
            Map<String, Summary> s = r.phaseStats().get(t.rows().get(g));
            if (s != null) values.add(s.get(m.key()).mean());
          }
          boxes[g][c] = of(values);
        }
      }
      out.add(new Figure(m, t.rows(), t.cells(), boxes));
    }
    return out;
  }
}
