package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static final double EPS = 1e-6;
  private static final Set<String> ALL = Set.of("html", "csv", "json", "latex");

  @TempDir Path dir;

  /** summary.csv rows keyed by "cell|metric", values by column name. */
  private static Map<String, Map<String, String>> readCsv(Path file, int keyColumns)
      throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertEquals(header.length, f.length, line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], f[i]);
      }
      rows.put(String.join("|", List.of(f).subList(0, keyColumns)), row);
    }
    return rows;
  }

  private static double num(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }

  @Test
  void writesOnlyTheRequestedFormats() throws IOException {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    List<Path> written = Report.write(dir, Set.of("csv"));
    assertEquals(
        List.of(
            dir.resolve("summary.csv"),
            dir.resolve("phases.csv"),
            dir.resolve("series.csv"),
            dir.resolve("significance.csv")),
        written);
    assertFalse(Files.exists(dir.resolve("report.html")));
    assertFalse(Files.exists(dir.resolve("figures")));
    List<Path> all = Report.write(dir, ALL);
    assertEquals(
        List.of(
            dir.resolve("report.html"),
            dir.resolve("summary.csv"),
            dir.resolve("phases.csv"),
            dir.resolve("series.csv"),
            dir.resolve("significance.csv"),
            dir.resolve("summary.json"),
            dir.resolve("summary.tex")),
        all.subList(0, 7));
    // then the LaTeX figures: their data and SVG images, and the documents that use them
    assertTrue(
        all.subList(7, all.size()).stream()
            .allMatch(
                p ->
                    p.startsWith(dir.resolve("figures"))
                        || List.of("figures.tex", "significance.tex", "report.tex")
                            .contains(p.getFileName().toString())));
    assertEquals(dir.resolve("report.tex"), all.get(all.size() - 1));
  }

  @Test
  void rejectsUnknownFormat() throws IOException {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    assertThrows(IllegalArgumentException.class, () -> Report.write(dir, Set.of("pdf")));
  }

  @Test
  void summaryCsvHasMeanSdAndStudentTInterval() throws IOException {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("csv"));
    Map<String, Map<String, String>> rows = readCsv(dir.resolve("summary.csv"), 2);

    Map<String, String> meanRps = rows.get("k3s_v1|mean_rps");
    assertEquals("2", meanRps.get("n"));
    assertEquals(150.0, num(meanRps, "mean"), EPS);
    assertEquals(70.710678, num(meanRps, "sd"), EPS);
    // t(0.975, 1) = 12.7062047; half-width = 12.7062047 * 70.7106781 / sqrt(2) = 635.310237
    assertEquals(150 - 635.310237, num(meanRps, "ci95_low"), 1e-5);
    assertEquals(150 + 635.310237, num(meanRps, "ci95_high"), 1e-5);

    assertEquals(400.0, num(rows.get("kubeadm|peak_rps"), "mean"), EPS);
    assertEquals(141.421356, num(rows.get("kubeadm|peak_rps"), "sd"), EPS);
    // 10 seconds of 100 and of 200 requests
    assertEquals(1500.0, num(rows.get("k3s_v1|sent"), "mean"), EPS);
    // 10 errors of 1000 and 30 of 2000
    assertEquals(1.25, num(rows.get("k3s_v1|error_pct"), "mean"), EPS);
    assertEquals(40.0, num(rows.get("k3s_v1|worst_p99_ms"), "mean"), EPS);
    // max latency is 40 + 10 × repetition
    assertEquals(55.0, num(rows.get("k3s_v1|max_latency_ms"), "mean"), EPS);
    assertEquals(10.0, num(rows.get("k3s_v1|phase_duration_s:deploy"), "mean"), EPS);
    assertEquals(0.0, num(rows.get("k3s_v1|phase_duration_s:ramp"), "sd"), EPS);
  }

  @Test
  void phasesCsvAveragesEachRunsPhaseWindowPerRole() throws IOException {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("csv"));
    Map<String, Map<String, String>> rows = readCsv(dir.resolve("phases.csv"), 4);

    Map<String, String> deployMaster = rows.get("k3s_v1|deploy|master|cpu_pct");
    assertEquals("2", deployMaster.get("n"));
    assertEquals(20.0, num(deployMaster, "mean"), EPS);
    assertEquals(14.142136, num(deployMaster, "sd"), EPS);
    // in the ramp window the master runs 10 points hotter
    assertEquals(30.0, num(rows.get("k3s_v1|ramp|master|cpu_pct"), "mean"), EPS);
    // two workers at 50 % and 70 % in every run
    assertEquals(60.0, num(rows.get("kubeadm|ramp|worker|cpu_pct"), "mean"), EPS);
    assertEquals(0.0, num(rows.get("kubeadm|ramp|worker|cpu_pct"), "sd"), EPS);
    assertEquals(2_000_000.0, num(rows.get("kubeadm|deploy|worker|disk_write_bps"), "mean"), EPS);
    assertEquals(40.0, num(rows.get("kubeadm|deploy|master|mem_pct"), "mean"), EPS);
    assertEquals(35.0, num(rows.get("kubeadm|ramp|master|disk_util_pct"), "mean"), EPS);
  }

  @Test
  void summaryJsonMatchesCsvAndUsesNullForAbsentSpread() throws IOException {
    List<ResultsFixture.Rep> reps =
        List.of(
            ResultsFixture.DEFAULT_REPS.get(0),
            ResultsFixture.DEFAULT_REPS.get(1),
            ResultsFixture.DEFAULT_REPS.get(2));
    ResultsFixture.write(dir, "quickstart", "complete", reps);
    Report.write(dir, Set.of("json"));
    JsonNode root = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("quickstart", root.get("experiment").asText());
    JsonNode k3s = root.get("cells").get(0);
    assertEquals("k3s_v1", k3s.get("cell").asText());
    assertEquals(150.0, k3s.at("/metrics/mean_rps/mean").asDouble(), EPS);
    assertEquals(70.710678, k3s.at("/metrics/mean_rps/sd").asDouble(), EPS);
    assertEquals(2, k3s.get("runs").size());

    JsonNode kubeadm = root.get("cells").get(1);
    assertEquals(1, kubeadm.at("/metrics/mean_rps/n").asInt());
    assertEquals(300.0, kubeadm.at("/metrics/mean_rps/mean").asDouble(), EPS);
    assertTrue(kubeadm.at("/metrics/mean_rps/sd").isNull());
    assertTrue(kubeadm.at("/metrics/mean_rps/ci95_low").isNull());
    JsonNode phase = kubeadm.get("phases").get(0);
    assertEquals("deploy", phase.get("phase").asText());
    assertEquals("master", phase.get("role").asText());
    assertEquals(50.0, phase.at("/metrics/cpu_pct/mean").asDouble(), EPS);
  }

  @Test
  void htmlHasAChartPerSeriesWithAnSvgFallbackAndNoBannerWhenComplete() throws IOException {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html"));
    String html = Files.readString(dir.resolve("report.html"));
    // requests/s (successful, failed, all), latency (p50, p90, p99), users, and CPU, memory, disk
    // util., disk write of masters and of workers: 15 charts drawn from their data, no SVG copies;
    // the time per step is an SVG of bars
    assertEquals(0, count(html, "<noscript><svg "));
    assertEquals(15, count(html, "<div class=\"chart\" id=\"chart-"));
    assertEquals(1, count(html, "<svg class=\"chart bars\""));
    // two cells with node samples per phase: Table 1 puts them side by side
    assertEquals(1, count(html, "<table class=\"data lifecycle\""));
    // one colour per cell in every chart: k3s_v1 the first of the palette, kubeadm the second
    JsonNode charts = chartData(html);
    for (JsonNode c : charts) {
      for (JsonNode l : c.get("lines")) {
        String expected = l.get("label").asText().equals("k3s_v1") ? "#0072B2" : "#D55E00";
        assertEquals(expected, l.get("color").asText(), c.get("title") + " " + l.get("label"));
      }
      // time zero is the ramp's start: deploy 10 s before it, the same in every run
      JsonNode phases = c.get("phases");
      assertEquals("deploy", phases.get(0).get("label").asText());
      assertEquals(-10.0, phases.get(0).get("mean").asDouble(), 1e-9);
      assertEquals(0.0, phases.get(1).get("mean").asDouble(), 1e-9);
      assertEquals(0.0, phases.get(1).get("max").asDouble() - phases.get(1).get("min").asDouble());
    }
    assertTrue(html.contains("time zero is the start of the first load phase"));
    assertFalse(html.contains("PARTIAL RUN"));
    // self-contained: uPlot is inlined, nothing is fetched
    assertTrue(html.contains("uPlot"));
    assertFalse(
        html.contains("src=\"http") || html.contains("href=\"http") || html.contains("<link"));
    assertTrue(html.contains("href=\"plan.txt\""));
    assertTrue(html.contains("href=\"experiment.kexp\""));
    assertTrue(html.contains("17.0.15"));
  }

  /** The charts' data as report.html holds it. */
  static JsonNode chartData(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"kexp-chart-data\">";
    int from = html.indexOf(open) + open.length();
    return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)));
  }

  @Test
  void htmlShowsPartialBannerNamingIncompleteRuns() throws IOException {
    ResultsFixture.write(dir, "quickstart", "partial", ResultsFixture.DEFAULT_REPS);
    String manifest = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(
        dir.resolve("manifest.json"),
        manifest
            .replace(
                "\"id\":\"kubeadm/rep-02\",\"cell\":\"kubeadm\",\"repetition\":2,\"status\":\"complete\"",
                "\"id\":\"kubeadm/rep-02\",\"cell\":\"kubeadm\",\"repetition\":2,\"status\":\"partial\"")
            .replace("\"ended\":\"2026-11-22T15:01:10Z\"", "\"ended\":null"));
    Report.write(dir, Set.of("html"));
    String html = Files.readString(dir.resolve("report.html"));
    Matcher banner = Pattern.compile("<div class=\"banner\"[^>]*>(.*?)</div>").matcher(html);
    assertTrue(banner.find());
    assertTrue(banner.group(1).contains("PARTIAL RUN:"));
    assertTrue(banner.group(1).contains("kubeadm/rep-02 (partial)"));
    assertFalse(banner.group(1).contains("k3s_v1/rep-01"));
  }

  @Test
  void truncatedLastLinesAreSkipped() throws IOException {
    ResultsFixture.write(dir, "quickstart", "running", ResultsFixture.DEFAULT_REPS);
    Path run = dir.resolve("runs/k3s_v1/rep-01");
    // a writer killed mid-line: the rps field "9999" would otherwise become the peak
    Files.writeString(
        run.resolve("load.csv"),
        Files.readString(run.resolve("load.csv")) + "1800003620500,10,ramp,100,10,100,99,1,0,9999",
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(
        run.resolve("nodes.csv"),
        Files.readString(run.resolve("nodes.csv")) + "1800003605200,m1,master,99");
    Files.writeString(
        run.resolve("events.jsonl"),
        Files.readString(run.resolve("events.jsonl")) + "{\"epoch_ms\":18000036");
    Report.write(dir, Set.of("csv", "json"));
    Map<String, Map<String, String>> rows = readCsv(dir.resolve("summary.csv"), 2);
    assertEquals(150.0, num(rows.get("k3s_v1|peak_rps"), "mean"), EPS);
    assertEquals(1500.0, num(rows.get("k3s_v1|sent"), "mean"), EPS);
    Map<String, Map<String, String>> phases = readCsv(dir.resolve("phases.csv"), 4);
    assertEquals(20.0, num(phases.get("k3s_v1|deploy|master|cpu_pct"), "mean"), EPS);
    JsonNode root = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    String warnings = root.get("warnings").toString();
    assertTrue(warnings.contains("load.csv: incomplete last line skipped"), warnings);
    assertTrue(warnings.contains("events.jsonl: incomplete last line skipped"), warnings);
  }

  @Test
  void missingFilesAndDirectoriesAreTolerated() throws IOException {
    ResultsFixture.write(dir, "lifecycle", "failed", ResultsFixture.DEFAULT_REPS);
    // a lifecycle experiment: no load at all; one run never started; one lost its node samples
    for (ResultsFixture.Rep r : ResultsFixture.DEFAULT_REPS) {
      Files.delete(dir.resolve(r.dir()).resolve("load.csv"));
    }
    Path rep2 = dir.resolve("runs/kubeadm/rep-02");
    for (String f : List.of("events.jsonl", "nodes.csv")) {
      Files.delete(rep2.resolve(f));
    }
    Files.delete(rep2);
    Files.delete(dir.resolve("runs/kubeadm/rep-01/nodes.csv"));
    Files.delete(dir.resolve("plan.txt"));

    List<Path> written = Report.write(dir, ALL);
    // html, four CSV files, json, summary.tex, then the LaTeX figures and documents
    assertEquals(dir.resolve("summary.tex"), written.get(6));
    assertTrue(written.contains(dir.resolve("report.tex")));
    Map<String, Map<String, String>> rows = readCsv(dir.resolve("summary.csv"), 2);
    assertFalse(rows.containsKey("k3s_v1|mean_rps"));
    assertEquals("1", rows.get("kubeadm|phase_duration_s:deploy").get("n"));
    assertEquals("", rows.get("kubeadm|phase_duration_s:deploy").get("sd"));
    Map<String, Map<String, String>> phases = readCsv(dir.resolve("phases.csv"), 4);
    assertEquals(20.0, num(phases.get("k3s_v1|deploy|master|cpu_pct"), "mean"), EPS);
    assertFalse(phases.containsKey("kubeadm|deploy|master|cpu_pct"));

    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("kubeadm/rep-02 (not started)"));
    assertTrue(html.contains("No load data"));
    assertTrue(html.contains("plan.txt <span class=\"muted\">(not in results)</span>"));
  }

  @Test
  void missingManifestFallsBackToScanningRuns() throws IOException {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Files.delete(dir.resolve("manifest.json"));
    Report.write(dir, Set.of("csv", "html"));
    Map<String, Map<String, String>> rows = readCsv(dir.resolve("summary.csv"), 2);
    assertEquals(400.0, num(rows.get("kubeadm|mean_rps"), "mean"), EPS);
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("PARTIAL RUN:"));
    assertTrue(html.contains("manifest.json is missing"));
  }

  @Test
  void userTextIsEscapedInHtml() throws IOException {
    ResultsFixture.write(
        dir, "<script>alert('x')</script> & co", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html"));
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("<script>alert"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
  }

  @Test
  void latexTablesEscapeSpecialCharacters() throws IOException {
    assertEquals(
        "a\\_b \\& 50\\% \\$x\\# \\{y\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}",
        SummaryLatex.escape("a_b & 50% $x# {y} ~ ^ \\"));
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("latex"));
    String tex = Files.readString(dir.resolve("summary.tex"));
    // the per-run metrics of both cells side by side, the event × role table with both cells as
    // column groups, then a phase × role table per cell
    assertEquals(4, count(tex, "\\begin{tabular}"));
    assertEquals(4, count(tex, "\\bottomrule"));
    assertTrue(tex.contains("k3s\\_v1"));
    assertFalse(tex.contains("k3s_v1"));
    // deploy/master CPU of k3s_v1: mean 20, σ 14.14
    assertTrue(tex.contains("deploy & master & 2 & 20.00 (14.14)"), tex);
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
