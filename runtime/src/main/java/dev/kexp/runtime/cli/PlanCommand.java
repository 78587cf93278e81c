package dev.kexp.runtime.cli;

import dev.kexp.runtime.control.RecordingRemote;
import dev.kexp.runtime.exec.DryRun;
import dev.kexp.runtime.plan.PlanPrinter;
import dev.kexp.runtime.plan.RunPlan;
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

  @Option(
      names = "--dry-run",
      description =
          "send each run's node commands through kexp's own node code to recording remotes and"
              + " print what every node would receive, in order (nothing is contacted)")
  boolean dryRun;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // The plan itself lists the file's warnings (text and JSON): errors only on stderr.
    Loading.Loaded l = Loading.load(file, spec.commandLine().getErr(), false);
    if (l.plan() == null) return KexpCommand.INVALID;
    var out = spec.commandLine().getOut();
    if (dryRun) {
      for (RunPlan run : l.plan().runs()) {
        out.println("run " + run.id());
        for (RecordingRemote.Call c : DryRun.record(run)) {
          out.println("  " + c.node() + (c.sudo() ? " # " : " $ ") + c.line());
        }
      }
    } else {
      out.print(json ? PlanPrinter.json(l.plan()) : PlanPrinter.text(l.plan()));
    }
    out.flush();
    return KexpCommand.OK;
  }
}
