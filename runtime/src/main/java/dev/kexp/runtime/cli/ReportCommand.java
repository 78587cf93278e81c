package dev.kexp.runtime.cli;

import dev.kexp.runtime.report.Report;
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
      description = "html, csv, json, latex (default: all)")
  List<String> formats = List.of("html", "csv", "json", "latex");

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
      if (!Report.FORMATS.contains(f)) {
        err.println("kexp: unknown report format '" + f + "' (formats are html, csv, json, latex)");
        return KexpCommand.INVALID;
      }
      wanted.add(f);
    }
    for (String p : Report.listing(dir, Report.write(dir, wanted))) {
      spec.commandLine().getOut().println(p);
    }
    spec.commandLine().getOut().flush();
    return KexpCommand.OK;
  }
}
