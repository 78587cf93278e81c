package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.Phase;
import dev.kexp.runtime.report.Analysis.RunAnalysis;
import dev.kexp.runtime.results.LoadSeriesFile;
import dev.kexp.runtime.results.NodeSamplesFile;
import dev.kexp.runtime.results.Results.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where time zero of a run's time series lies, and where its phases start on the common axis.
 *
 * <p>Runs are averaged second by second, so their seconds must mean the same thing: time zero is
 * the start of the first load phase (an install before it takes a different time in every run and
 * would shift the ramps against each other), or of the phase the file names with {@code align:}.
 * Phases are then marked at their mean start across runs, with the spread of their starts.
 */
final class Timeline {

  /** A phase's start on the aligned axis, over the runs that have it. */
  record PhaseMark(String label, double mean, double min, double max, int runs) {
    double spread() {
      return max - min;
    }
  }

  private Timeline() {}

  /**
   * Time zero of a run: the start of the first phase named {@code align}, else of the first phase
   * with load rows in it, else of the first phase, else the first sample.
   */
  static long zero(Run run, List<Phase> phases, String align) {
    if (align != null) {
      for (Phase p : phases) {
        if (p.name().equals(align)) return p.startMs();
      }
    }
    for (Phase p : phases) {
      for (LoadSeriesFile.Row l : run.load()) {
        if (p.contains(l.epochMs())) return p.startMs();
      }
    }
    if (!phases.isEmpty()) {
      return phases.stream().mapToLong(Phase::startMs).min().getAsLong();
    }
    long start = Long.MAX_VALUE;
    for (LoadSeriesFile.Row r : run.load()) start = Math.min(start, r.epochMs());
    for (NodeSamplesFile.Row r : run.nodes()) start = Math.min(start, r.epochMs());
    return start == Long.MAX_VALUE ? 0 : start;
  }

  /** What time zero is, for captions: which phase, and whether every run had it. */
  static String describe(List<RunAnalysis> runs, String align) {
    boolean named =
        align != null
            && !runs.isEmpty()
            && runs.stream()
                .allMatch(r -> r.phases().stream().anyMatch(p -> p.name().equals(align)));
    if (named) return "the start of phase \u201c" + align + "\u201d";
    String missing =
        align == null ? "" : " (no run has all of phase \u201c" + align + "\u201d, so not that)";
    boolean load = runs.stream().anyMatch(r -> !r.run().load().isEmpty());
    return (load ? "the start of the first load phase" : "the start of the first phase") + missing;
  }

  /** Every phase label's start across runs, in order of mean start. */
  static List<PhaseMark> marks(List<RunAnalysis> runs) {
    Map<String, List<Double>> starts = new LinkedHashMap<>();
    for (RunAnalysis r : runs) {
      List<String> labels = Analysis.phaseLabels(r.phases());
      for (int i = 0; i < labels.size(); i++) {
        double s = (r.phases().get(i).startMs() - r.startMs()) / 1000.0;
        starts.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(s);
      }
    }
    List<PhaseMark> out = new ArrayList<>();
    starts.forEach(
        (label, s) ->
            out.add(
                new PhaseMark(
                    label,
                    s.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                    s.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    s.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    s.size())));
    out.sort(Comparator.comparingDouble(PhaseMark::mean));
    return out;
  }
}
