package dev.kexp.runtime.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.Analysis.RunAnalysis;
import dev.kexp.runtime.report.Results.Manifest;
import java.util.Map;

/** summary.json: the content of summary.csv and phases.csv, structured, plus per-run values. */
final class SummaryJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  static String render(ReportData data) throws java.io.IOException {
    ObjectNode root = JSON.createObjectNode();
    Manifest m = data.results().manifest();
    root.put("experiment", m.experiment());
    root.put("file", m.file());
    root.put("status", m.present() ? m.status() : null);
    root.put("kexp", m.kexp());
    root.put("java", m.java());
    root.put("os", m.os());
    root.put("started", m.started());
    root.put("ended", m.ended());
    ArrayNode cells = root.putArray("cells");
    for (CellAnalysis cell : data.cells()) {
      ObjectNode c = cells.addObject();
      c.put("cell", cell.cell());
      ObjectNode metrics = c.putObject("metrics");
      cell.metrics().forEach((k, s) -> summary(metrics.putObject(k), s));
      ArrayNode phases = c.putArray("phases");
      for (Map.Entry<PhaseRole, Map<String, Summary>> e : cell.phaseStats().entrySet()) {
        ObjectNode p = phases.addObject();
        p.put("phase", e.getKey().phase());
        p.put("role", e.getKey().role());
        ObjectNode pm = p.putObject("metrics");
        e.getValue().forEach((k, s) -> summary(pm.putObject(k), s));
      }
      ArrayNode runs = c.putArray("runs");
      for (RunAnalysis r : cell.runs()) {
        ObjectNode run = runs.addObject();
        run.put("id", r.run().ref().id());
        run.put("repetition", r.run().ref().repetition());
        run.put("status", r.run().ref().status());
        ObjectNode rm = run.putObject("metrics");
        r.metrics().forEach((k, v) -> number(rm, k, v));
      }
    }
    ArrayNode warnings = root.putArray("warnings");
    data.results().warnings().forEach(warnings::add);
    return JSON.writeValueAsString(root) + "\n";
  }

  private static void summary(ObjectNode o, Summary s) {
    o.put("n", s.n());
    number(o, "mean", s.mean());
    number(o, "sd", s.sd());
    number(o, "ci95_low", s.ciLow());
    number(o, "ci95_high", s.ciHigh());
  }

  /** JSON has no NaN; an absent value is null. */
  private static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }
}
