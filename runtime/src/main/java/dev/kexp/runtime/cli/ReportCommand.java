package dev.kexp.runtime.cli;

import dev.kexp.runtime.report.Report;
import dev.kexp.runtime.report.ReportOptions;
import dev.kexp.runtime.report.ReportWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kexp report DIR}: (re)writes the report of a results directory, finished or not. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write the report of a results directory (also of a partial or failed run).")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "a results directory written by 'kexp run'")
  Path dir;

  @Option(
      names = {"-f", "--format"},
      split = ",",
      paramLabel = "FORMAT",
      completionCandidates = ReportWriters.Words.class,
      description =
          "${COMPLETION-CANDIDATES} (default: all but png, which renders every figure as an"
              + " image and needs latex's SVG files, so -f png writes latex too)")
  List<String> formats = ReportWriters.defaults();

  @Option(
      names = "--align",
      paramLabel = "PHASE",
      description =
          "time zero of the time charts: the start of this phase (default: as the experiment's"
              + " report line says, else the first load phase)")
  String align;

  @Option(
      names = "--reference",
      paramLabel = "CSV",
      description =
          "published values to set beside the measured ones (default: the directory's"
              + " reference.csv, which kexp run copies from the experiment's report line)")
  Path reference;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      err.println("kexp: " + dir + " is not a directory");
      return KexpCommand.INVALID;
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String f : formats) {
      if (!ReportWriters.known(f)) {
        err.println(
            "kexp: unknown report format '"
                + f
                + "' (formats are "
                + String.join(", ", ReportWriters.words())
                + ")");
        return KexpCommand.INVALID;
      }
      wanted.add(f);
    }
    if (reference != null && !Files.isRegularFile(reference)) {
      err.println("kexp: --reference " + reference + ": no such file");
      return KexpCommand.INVALID;
    }
    ReportOptions saved = ReportOptions.of(dir);
    ReportOptions options =
        new ReportOptions(
            align != null ? align : saved.align(),
            reference != null ? reference : saved.reference());
    for (String p : Report.listing(dir, Report.write(dir, wanted, options))) {
      spec.commandLine().getOut().println(p);
    }
    spec.commandLine().getOut().flush();
    return KexpCommand.OK;
  }
}
