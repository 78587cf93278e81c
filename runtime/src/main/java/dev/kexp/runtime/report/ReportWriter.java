package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.ReportData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One report format. Each implementation is listed once in {@link ReportWriters}; the CLI's {@code
 * -f} values, the run's formats and the HTML report's list of files all come from there.
 */
interface ReportWriter {

  /** The format's word, as in {@code kexp report -f WORD} and the DSL's {@code report 'WORD'}. */
  String word();

  /**
   * Every file the format may write, relative to the results directory; a name ending in '/' is a
   * directory whose files are all the format's.
   */
  List<String> files();

  /**
   * Writes the format's files into {@code dir} (through {@link Report#writeFile}, so a reader never
   * sees half a file).
   *
   * @param formats the words of every format written together with this one
   * @return the files written
   */
  List<Path> write(Path dir, ReportData data, Set<String> formats) throws IOException;

  /**
   * The formats whose files this one reads, written before it whenever it is asked for (png renders
   * the latex format's SVG images).
   */
  default Set<String> needs() {
    return Set.of();
  }
}
