package dev.kexp.runtime.cli;

import dev.kexp.dsl.vocabulary.EditorFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kexp editor DIR}: writes the IDE files generated from the vocabulary into a project. */
@Command(
    name = "editor",
    mixinStandardHelpOptions = true,
    description = {
      "Write kexp.gdsl (IntelliJ IDEA) and dsld/kexp.dsld (Eclipse Groovy tooling) into DIR,",
      "so .kexp files get completion and documentation of every keyword."
    })
final class EditorCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "a source folder of your project, e.g. .")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    for (Path p : EditorFiles.write(dir)) spec.commandLine().getOut().println("wrote " + p);
    spec.commandLine().getOut().flush();
    return KexpCommand.OK;
  }
}
