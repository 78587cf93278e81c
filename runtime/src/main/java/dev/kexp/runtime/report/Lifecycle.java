package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.NodeMetric;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.Analysis.RunAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shapes of a lifecycle comparison, where each cell is a platform and each phase an event of
 * its lifecycle: Table 1 (event × role rows, the cells side by side as column groups, mean and σ of
 * CPU, memory and disk across runs) and Figure 3 (time per step: grouped bars, one per cell, with
 * ±σ whiskers). Both read what {@link Analysis} computed; the formats only lay them out.
 */
final class Lifecycle {

  /** Table 1's metrics, in column order. */
  static final List<NodeMetric> TABLE_METRICS =
      Analysis.NODE_METRICS.stream()
          .filter(m -> List.of("cpu_pct", "mem_pct", "disk_util_pct").contains(m.key()))
          .toList();

  /** What the disk column is, for captions. */
  static final String DISK_NOTE =
      "disk is utilisation: the share of time the node's disks were busy with I/O"
          + " (io_ticks of /proc/diskstats, averaged over its disks)";

  /** With more cells than this, a table per metric; fewer may still be split when too wide. */
  static final int MAX_CELLS_IN_ONE_TABLE = 3;

  /**
   * Table 1. {@code rows} are event × role in file order (events without node samples in any cell
   * are left out and named in {@code eventsWithoutSamples}).
   */
  record Table(
      List<CellAnalysis> cells,
      List<PhaseRole> rows,
      List<String> eventsWithoutSamples,
      List<NodeMetric> metrics) {

    /** Mean and σ across runs of a cell; empty when the cell has no samples there. */
    Summary get(CellAnalysis cell, PhaseRole row, String metric) {
      Map<String, Summary> s = cell.phaseStats().get(row);
      return s == null ? Summary.EMPTY : s.getOrDefault(metric, Summary.EMPTY);
    }
  }

  /** One cell's bars of Figure 3: the duration of each step across runs, in the order of steps. */
  record CellBars(String cell, String color, List<Summary> durations) {}

  /**
   * Figure 3. {@code steps} are the phases with a duration in at least one cell, in file order;
   * {@code withoutDuration} the phases that never ended in any run.
   */
  record Steps(List<String> steps, List<CellBars> cells, List<String> withoutDuration) {}

  private Lifecycle() {}

  /** Table 1, when there is more than one cell and some phase has node samples. */
  static Optional<Table> table(ReportData data) {
    if (data.cells().size() < 2) return Optional.empty();
    List<String> events = events(data);
    List<PhaseRole> rows = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (String event : events) {
      boolean any = false;
      for (String role : data.roles()) {
        PhaseRole key = new PhaseRole(event, role);
        if (data.cells().stream().anyMatch(c -> c.phaseStats().containsKey(key))) {
          rows.add(key);
          any = true;
        }
      }
      if (!any) without.add(event);
    }
    if (rows.isEmpty()) return Optional.empty();
    return Optional.of(new Table(data.cells(), rows, without, TABLE_METRICS));
  }

  /** Figure 3, when some phase has a duration. */
  static Optional<Steps> steps(ReportData data) {
    List<String> steps = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (String event : events(data)) {
      boolean timed =
          data.cells().stream()
              .anyMatch(c -> c.metrics().containsKey(Analysis.DURATION_PREFIX + event));
      (timed ? steps : without).add(event);
    }
    if (steps.isEmpty()) return Optional.empty();
    List<CellBars> cells = new ArrayList<>();
    for (int i = 0; i < data.cells().size(); i++) {
      CellAnalysis c = data.cells().get(i);
      List<Summary> durations =
          steps.stream()
              .map(s -> c.metrics().getOrDefault(Analysis.DURATION_PREFIX + s, Summary.EMPTY))
              .toList();
      cells.add(new CellBars(c.cell(), SvgChart.color(i), durations));
    }
    return Optional.of(new Steps(steps, cells, without));
  }

  /**
   * Every phase label of every run, in file order. Runs of different cells may differ (a failed run
   * stops early); a label first seen in a later run goes after the label it follows there.
   */
  static List<String> events(ReportData data) {
    List<String> order = new ArrayList<>();
    for (CellAnalysis c : data.cells()) {
      for (RunAnalysis r : c.runs()) {
        int at = 0;
        for (String label : Analysis.phaseLabels(r.phases())) {
          int i = order.indexOf(label);
          if (i >= 0) {
            at = i + 1;
          } else {
            order.add(at++, label);
          }
        }
      }
    }
    return order;
  }

  /**
   * A colour per cell, the same in every chart, table and format: the cell's place in the report.
   */
  static String color(ReportData data, CellAnalysis cell) {
    return SvgChart.color(data.cells().indexOf(cell));
  }
}
