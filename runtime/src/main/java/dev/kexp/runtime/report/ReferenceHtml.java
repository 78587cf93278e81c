package dev.kexp.runtime.report;

import static dev.kexp.runtime.report.Html.escape;

import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.ReferenceFile;

/** The reproduction view in report.html: published beside measured, per value of the paper. */
final class ReferenceHtml {
  private ReferenceHtml() {}

  static void section(StringBuilder h, ReportData data) {
    Reference.View v = Reference.of(data);
    if (v == null) return;
    long inside = v.rows().stream().filter(c -> Boolean.TRUE.equals(c.inside())).count();
    long tested = v.rows().stream().filter(c -> c.inside() != null).count();
    h.append("<section id=\"reference\">\n<h2>Published and measured</h2>\n<p class=\"note\">")
        .append("Each value of ")
        .append(escape(v.file()))
        .append(" beside the measured mean &plusmn; &sigma; across repetitions and its 95 %")
        .append(" confidence interval; the difference is measured minus published. ")
        .append(inside)
        .append(" of ")
        .append(tested)
        .append(" published values with a measured interval lie inside it.</p>\n");
    for (String p : v.problems()) {
      h.append("<p class=\"banner\">").append(escape(p)).append("</p>\n");
    }
    h.append("<div class=\"scroll\"><table class=\"data reference\">\n<thead><tr>")
        .append("<th>Metric</th><th>Cell</th><th>Phase</th><th>Role</th>")
        .append("<th class=\"num\">Published</th><th class=\"num\">Measured</th>")
        .append("<th class=\"num\">95 % CI</th><th class=\"num\">Difference</th>")
        .append("<th>Inside CI</th></tr></thead>\n<tbody>\n");
    for (Reference.Comparison c : v.rows()) {
      ReferenceFile.Row r = c.published();
      Boolean in = c.inside();
      h.append("<tr data-inside=\"")
          .append(in == null ? "" : in.toString())
          .append("\"><td>")
          .append(
              escape(
                  r.metric().startsWith(Reference.RATIO)
                      ? Analysis.label(r.metric().substring(Reference.RATIO.length())) + ", ratio"
                      : Analysis.label(r.metric())))
          .append(
              r.source().isEmpty()
                  ? ""
                  : " <span class=\"unit\">(" + escape(r.source()) + ")</span>")
          .append("</td><td>")
          .append(escape(r.cell()))
          .append("</td><td>")
          .append(escape(r.phase()))
          .append("</td><td>")
          .append(escape(r.role()))
          .append("</td><td class=\"num\">")
          .append(escape(Numbers.human(r.value())))
          .append(Double.isFinite(r.sd()) ? " &plusmn; " + escape(Numbers.human(r.sd())) : "")
          .append("</td><td class=\"num\">");
      if (c.measured().n() == 0) {
        h.append("<span class=\"muted\">")
            .append(escape(c.why() == null ? Numbers.ABSENT : c.why()))
            .append("</span></td><td></td><td></td><td></td></tr>\n");
        continue;
      }
      h.append(BreakpointTable.meanSd(c.measured()))
          .append(" <span class=\"unit\">n = ")
          .append(c.measured().n())
          .append("</span></td><td class=\"num\">")
          .append(
              c.measured().hasSpread()
                  ? "["
                      + escape(Numbers.human(c.measured().ciLow()))
                      + ", "
                      + escape(Numbers.human(c.measured().ciHigh()))
                      + "]"
                  : Numbers.ABSENT)
          .append("</td><td class=\"num\">")
          .append(escape(Numbers.human(c.difference())))
          .append(
              Double.isFinite(c.relative())
                  ? " <span class=\"unit\">("
                      + escape(String.format(java.util.Locale.ROOT, "%+.0f %%", 100 * c.relative()))
                      + ")</span>"
                  : "")
          .append("</td><td>")
          .append(in == null ? Numbers.ABSENT : in ? "yes" : "<strong>no</strong>")
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n</section>\n");
  }
}
