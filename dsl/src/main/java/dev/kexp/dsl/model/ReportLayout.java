package dev.kexp.dsl.model;

/**
 * The options of {@code report}: {@code align: 'ramp'} makes the start of that phase time zero of
 * every time chart (null: the first load phase), {@code reference: 'published.csv'} names a CSV of
 * published values, relative to the .kexp file, to set beside the measured ones (null: none).
 */
public record ReportLayout(String align, String reference, SourceRef at) {
  public static final ReportLayout DEFAULTS = new ReportLayout(null, null, null);
}
