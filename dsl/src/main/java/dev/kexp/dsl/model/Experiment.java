package dev.kexp.dsl.model;

import java.util.List;

/**
 * A whole .kexp file: immutable and validated. The runtime plans and runs this, never the script.
 *
 * <p>{@code cells} is never empty: without a {@code matrix} there is one cell named after the
 * experiment, on {@code cluster}. {@code workload} is null when there is none. {@code phases} run
 * in every repetition; {@code setup} once per matrix cell before its first repetition, {@code
 * teardown} once per cell after its last (both may be empty).
 */
public record Experiment(
    String name,
    String description,
    String file,
    Cluster cluster,
    Workload workload,
    Load load,
    Metrics metrics,
    List<Phase> phases,
    List<Phase> setup,
    List<Phase> teardown,
    Repeat repeat,
    List<Cell> cells,
    List<Breakpoint> thresholds,
    List<ReportFormat> reports,
    ReportLayout reportLayout,
    SourceRef at) {
  public Experiment {
    phases = List.copyOf(phases);
    setup = List.copyOf(setup);
    teardown = List.copyOf(teardown);
    cells = List.copyOf(cells);
    thresholds = List.copyOf(thresholds);
    reports = List.copyOf(reports);
    if (reportLayout == null) reportLayout = ReportLayout.DEFAULTS;
  }

  /** Every phase of the file: setup, then the repeated phases, then teardown. */
  public List<Phase> allPhases() {
    List<Phase> all = new java.util.ArrayList<>(setup);
    all.addAll(phases);
    all.addAll(teardown);
    return List.copyOf(all);
  }
}
