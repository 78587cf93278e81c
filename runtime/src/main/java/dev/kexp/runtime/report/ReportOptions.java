package dev.kexp.runtime.report;

import dev.kexp.dsl.Kexp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a report is laid out beyond its formats: the phase whose start is time zero of every time
 * chart ({@code report 'html', align: 'ramp'}; null: the first load phase), and a CSV of published
 * values to set beside the measured ones ({@code reference: 'published.csv'}; null: none).
 */
public record ReportOptions(String align, Path reference) {
  public static final ReportOptions DEFAULTS = new ReportOptions(null, null);

  /** The copy of the reference CSV that a report keeps in its results directory. */
  public static final String REFERENCE_FILE = "reference.csv";

  /**
   * The options a results directory was reported with: {@code align:} from the report line of its
   * experiment.kexp (read by the sandboxed loader, which runs none of the file's code outside it),
   * and its reference.csv. A file that no longer loads gives the defaults.
   */
  public static ReportOptions of(Path dir) {
    String align = null;
    Path kexp = dir.resolve("experiment.kexp");
    // Compiling the file costs a second or two; only a report line with align: needs it.
    if (Files.isRegularFile(kexp) && mentionsAlign(kexp)) {
      try {
        Kexp.Loaded l = Kexp.parse(Files.readString(kexp), kexp.toString());
        if (l.experiment() != null) align = l.experiment().reportLayout().align();
      } catch (IOException | RuntimeException e) {
        // A damaged copy only loses the alignment; the report is still written.
      }
    }
    Path reference = dir.resolve(REFERENCE_FILE);
    return new ReportOptions(align, Files.isRegularFile(reference) ? reference : null);
  }

  private static boolean mentionsAlign(Path kexp) {
    try {
      return Files.readString(kexp).contains("align");
    } catch (IOException e) {
      return false;
    }
  }
}
