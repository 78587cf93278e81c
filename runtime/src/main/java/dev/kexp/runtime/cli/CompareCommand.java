package dev.kexp.runtime.cli;

import dev.kexp.runtime.report.Compare;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kexp compare DIR DIR...}: several results directories' tables side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Print the tables of several results directories side by side, one column per directory",
      "and cell, with Welch's t-test, Mann-Whitney U and effect sizes for every pair of columns."
    })
final class CompareCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "DIR",
      arity = "2..*",
      description = "results directories written by 'kexp run'")
  List<Path> dirs;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "also write compare.csv and compare-significance.csv into DIR")
  Path output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        err.println("kexp: " + d + " is not a directory");
        return KexpCommand.INVALID;
      }
    }
    Compare compare = Compare.of(dirs);
    var out = spec.commandLine().getOut();
    out.print(compare.text());
    if (output != null) {
      Files.createDirectories(output);
      Path csv =
          Files.writeString(output.resolve("compare.csv"), compare.csv(), StandardCharsets.UTF_8);
      Path sig =
          Files.writeString(
              output.resolve("compare-significance.csv"),
              compare.significanceCsv(),
              StandardCharsets.UTF_8);
      out.println();
      out.println("wrote " + csv);
      out.println("wrote " + sig);
    }
    out.flush();
    return KexpCommand.OK;
  }
}
