package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import java.util.Map;

/** summary.csv (cell × metric across repetitions) and phases.csv (cell × phase × role × metric). */
final class SummaryCsv {

  private SummaryCsv() {}

  static String summary(ReportData data) {
    StringBuilder out = new StringBuilder("cell,metric,n,mean,sd,ci95_low,ci95_high\n");
    for (CellAnalysis cell : data.cells()) {
      for (Map.Entry<String, Summary> e : cell.metrics().entrySet()) {
        Summary s = e.getValue();
        row(
            out,
            cell.cell(),
            e.getKey(),
            String.valueOf(s.n()),
            Numbers.machine(s.mean()),
            Numbers.machine(s.sd()),
            Numbers.machine(s.ciLow()),
            Numbers.machine(s.ciHigh()));
      }
    }
    return out.toString();
  }

  static String phases(ReportData data) {
    StringBuilder out = new StringBuilder("cell,phase,role,metric,n,mean,sd\n");
    for (CellAnalysis cell : data.cells()) {
      for (Map.Entry<PhaseRole, Map<String, Summary>> e : cell.phaseStats().entrySet()) {
        for (Map.Entry<String, Summary> m : e.getValue().entrySet()) {
          Summary s = m.getValue();
          row(
              out,
              cell.cell(),
              e.getKey().phase(),
              e.getKey().role(),
              m.getKey(),
              String.valueOf(s.n()),
              Numbers.machine(s.mean()),
              Numbers.machine(s.sd()));
        }
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields[i]));
    }
    out.append('\n');
  }

  /** RFC 4180 quoting: cell and phase names come from user files and may contain commas. */
  static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
