package dev.kexp.dsl.model;

/**
 * {@code report 'html', 'csv', 'json', 'latex', 'png'}. This is the one list of report format
 * words: the runtime's registry of report writers ({@code report.ReportWriters}) checks itself
 * against it when it loads, so a format added here needs its writer there, and the other way round.
 */
public enum ReportFormat {
  HTML,
  CSV,
  JSON,
  LATEX,
  /** A PNG beside each SVG figure of the latex format, for slides and word processors. */
  PNG;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
