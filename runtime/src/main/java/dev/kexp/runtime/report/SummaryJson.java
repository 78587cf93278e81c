package dev.kexp.runtime.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.Analysis.RunAnalysis;
import dev.kexp.runtime.results.Results.ManifestInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * summary.json: the content of summary.csv and phases.csv, structured, plus per-run values and the
 * list of per-second series (their points are in series.csv).
 */
final class SummaryJson implements ReportWriter {

  // Compact: tools read it, and `jq .` indents it for a person. In a holder, so that listing the
  // formats (every command line's completion candidates) does not load Jackson.
  private static final class Mapper {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  static final String FILE = "summary.json";

  SummaryJson() {}

  @Override
  public String word() {
    return "json";
  }

  @Override
  public List<String> files() {
    return List.of(FILE);
  }

  @Override
  public List<Path> write(Path dir, ReportData data, Set<String> formats) throws IOException {
    return List.of(Report.writeFile(dir.resolve(FILE), render(data)));
  }

  static String render(ReportData data) throws java.io.IOException {
    ObjectNode root = Mapper.JSON.createObjectNode();
    ManifestInfo m = data.results().manifest();
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
    // The per-second series are series.csv's (a paper-sized directory has a million points, which
    // made this file 16 MB); here each series is named, with where to find its points.
    for (int i = 0; i < data.cells().size(); i++) {
      ObjectNode series = ((ObjectNode) cells.get(i)).putObject("series");
      data.cells()
          .get(i)
          .series()
          .forEach(
              (def, points) -> {
                ObjectNode s = series.putObject(def.key());
                s.put("title", def.title());
                s.put("unit", def.yLabel());
                s.put("points", points.size());
                if (!points.isEmpty()) {
                  s.put("first_second", points.get(0).second());
                  s.put("last_second", points.get(points.size() - 1).second());
                }
                s.put("file", SummaryCsv.SERIES);
              });
    }
    ArrayNode tests = root.putArray("significance");
    for (Analysis.CellComparison c : Analysis.significance(data.cells())) {
      ObjectNode o = tests.addObject();
      Significance.Comparison t = c.test();
      o.put("cell_a", c.first());
      o.put("cell_b", c.second());
      o.put("metric", c.metric());
      o.put("n_a", t.n1());
      o.put("n_b", t.n2());
      number(o, "mean_a", t.mean1());
      number(o, "mean_b", t.mean2());
      number(o, "welch_t", t.welchT());
      number(o, "welch_p", t.welchP());
      number(o, "mann_whitney_u", t.mannWhitneyU());
      number(o, "mann_whitney_p", t.mannWhitneyP());
      number(o, "cohens_d", t.cohensD());
      number(o, "hedges_g", t.hedgesG());
      number(o, "rank_biserial", t.rankBiserial());
    }
    BenchmarkReport.json(root, data);
    ArrayNode warnings = root.putArray("warnings");
    data.results().warnings().forEach(warnings::add);
    return Mapper.JSON.writeValueAsString(root) + "\n";
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
