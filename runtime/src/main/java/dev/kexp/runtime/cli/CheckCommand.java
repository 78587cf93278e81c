package dev.kexp.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kexp check FILE...}: every problem of every file, without running anything. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check .kexp files: every problem at once, as file:line:col: message.",
      "Warnings are printed but do not fail the check. Nothing in the files is run."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .kexp files to check")
  List<Path> files;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    boolean failed = false;
    for (Path file : files) {
      Loading.Loaded l = Loading.load(file, err, true);
      if (l.plan() == null) {
        failed = true;
        err.println(file + ": " + l.errors() + (l.errors() == 1 ? " error" : " errors"));
      } else {
        int warnings = l.file().warnings().size();
        out.printf(
            "%s: ok, experiment '%s', %d %s%s%n",
            file,
            l.plan().experiment(),
            l.plan().runs().size(),
            l.plan().runs().size() == 1 ? "run" : "runs",
            warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings"));
      }
    }
    out.flush();
    err.flush();
    return failed ? KexpCommand.INVALID : KexpCommand.OK;
  }
}
