package dev.kexp.dsl.model;

/** {@code report 'html', 'csv', 'json', 'latex'}. */
public enum ReportFormat {
  HTML,
  CSV,
  JSON,
  LATEX;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
