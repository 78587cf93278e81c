package dev.kexp.runtime.report;

import static dev.kexp.runtime.report.Html.escape;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.ReportData;

/**
 * Which cell broke when: per cell, how many of its runs reached a breakpoint, and the mean ± σ of
 * the time, the load target and the throughput at it. The charts mark each run's breakpoint in its
 * cell's colour without a label; forty labels printed over each other could not be read.
 */
final class BreakpointTable {
  private BreakpointTable() {}

  static void html(StringBuilder h, ReportData data) {
    if (data.cells().stream().allMatch(c -> c.breakpoints().isEmpty())) return;
    h.append("<div class=\"scroll\"><table class=\"data breakpoints\" id=\"breakpoints\">\n")
        .append("<caption>Breakpoints per cell: mean &plusmn; &sigma; over the runs that reached")
        .append(" one (time on the charts' axis, since ")
        .append(escape(data.timeZero()))
        .append(
            ")</caption>\n<thead><tr><th>Cell</th><th class=\"num\">Runs with a breakpoint</th>")
        .append(
            "<th class=\"num\">Time (s)</th><th class=\"num\">Load target (users or req/s)</th>")
        .append("<th class=\"num\">Throughput at it (req/s)</th></tr></thead>\n<tbody>\n");
    for (CellAnalysis c : data.cells()) {
      h.append("<tr data-cell=\"")
          .append(escape(c.cell()))
          .append("\"><td><span class=\"swatch\" style=\"background:")
          .append(Lifecycle.color(data, c))
          .append("\"></span>")
          .append(escape(c.cell()))
          .append("</td><td class=\"num\">")
          .append(c.breakpoints().size())
          .append(" of ")
          .append(c.runs().size())
          .append("</td>");
      for (String key : new String[] {"breakpoint_s", "breakpoint_target", "breakpoint_rps"}) {
        h.append("<td class=\"num\">").append(meanSd(c.metrics().get(key))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  static String meanSd(Summary s) {
    if (s == null || s.n() == 0) return Numbers.ABSENT;
    return escape(Numbers.human(s.mean()))
        + (s.hasSpread() ? " &plusmn; " + escape(Numbers.human(s.sd())) : "");
  }
}
