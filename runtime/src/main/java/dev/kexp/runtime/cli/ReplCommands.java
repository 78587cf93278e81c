package dev.kexp.runtime.cli;

import java.util.List;

/** The REPL's commands, as {@code :help} lists them and completion offers them. */
final class ReplCommands {
  private ReplCommands() {}

  record Command(String name, String args, String help) {}

  static final List<Command> ALL =
      List.of(
          new Command(":help", "[BLOCK]", "this help, or the keywords of a block (:help phases)"),
          new Command(":check", "", "every problem of the current experiment, as kexp check"),
          new Command(":plan", "[CELL]", "the plan of the current experiment, or of one cell"),
          new Command(":run", "[CELL] [-o DIR]", "run it (Ctrl-C stops the run, not the shell)"),
          new Command(":report", "[DIR]", "(re)write the report of DIR, or of the last run"),
          new Command(":results", "", "the summary of the last run"),
          new Command(":load", "FILE", "load a .kexp file; its experiment becomes the current one"),
          new Command(":quit", "", "leave (or Ctrl-D)"));
}
