package dev.kexp.runtime.cli;

import dev.kexp.runtime.plan.PlanPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kexp plan FILE}: exactly what {@code kexp run} will do, touching nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Print the plan of a .kexp file: every run (matrix cell x repetition) and its steps,",
      "exactly as 'kexp run' will execute them. No network, no files written; secrets redacted."
    })
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the .kexp file")
  Path file;

  @Option(names = "--json", description = "print the plan as JSON, for tools")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Loading.Loaded l = Loading.load(file, spec.commandLine().getErr(), true);
    if (l.plan() == null) return KexpCommand.INVALID;
    var out = spec.commandLine().getOut();
    out.print(json ? PlanPrinter.json(l.plan()) : PlanPrinter.text(l.plan()));
    out.flush();
    return KexpCommand.OK;
  }
}
