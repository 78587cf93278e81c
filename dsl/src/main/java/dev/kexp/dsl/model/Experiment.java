package dev.kexp.dsl.model;

import java.util.List;

/**
 * A whole .kexp file: immutable and validated. The runtime plans and runs this, never the script.
 *
 * <p>{@code cells} is never empty: without a {@code matrix} there is one cell named after the
 * experiment, on {@code cluster}. {@code workload} is null when there is none.
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
    Repeat repeat,
    List<Cell> cells,
    List<Breakpoint> thresholds,
    List<ReportFormat> reports,
    SourceRef at) {
  public Experiment {
    phases = List.copyOf(phases);
    cells = List.copyOf(cells);
    thresholds = List.copyOf(thresholds);
    reports = List.copyOf(reports);
  }
}
