package dev.kexp.runtime.cli;

import dev.kexp.dsl.Prompt;
import dev.kexp.runtime.results.ResultsDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kexp repl [FILE]}: the language at an interactive prompt, on JLine 3. */
@Command(
    name = "repl",
    mixinStandardHelpOptions = true,
    description = {
      "An interactive shell with the language loaded: keywords, units and Groovy values at the",
      "prompt under the same sandbox as check, probes (load URL, users: 50, over: 10.s), and",
      ":check, :plan, :run, :report, :results, :load. Tab completes; history in ~/.kexp_history."
    })
final class ReplCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "FILE", description = "a .kexp file to start with")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Prompt prompt = new Prompt();
    DefaultParser parser = new DefaultParser();
    // An entry goes on to the next line while a brace, parenthesis, bracket or quote is open.
    parser.setEofOnUnclosedBracket(
        DefaultParser.Bracket.CURLY, DefaultParser.Bracket.ROUND, DefaultParser.Bracket.SQUARE);
    parser.setEofOnUnclosedQuote(true);
    parser.setEscapeChars(new char[0]); // Groovy's backslashes are the language's, not the shell's
    try (Terminal terminal =
        TerminalBuilder.builder()
            .name("kexp")
            .system(true)
            // Outside a prompt, probe or run, Ctrl-C must not end the shell.
            .signalHandler(Terminal.SignalHandler.SIG_IGN)
            .build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("kexp")
              .parser(parser)
              .completer(new ReplCompleter(prompt))
              .variable(LineReader.HISTORY_FILE, history())
              .variable(LineReader.SECONDARY_PROMPT_PATTERN, "....> ")
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is Groovy's not
              .build();
      Repl repl =
          new Repl(
              terminal,
              reader,
              prompt,
              (loaded, kexpFile, dir, stop) -> {
                RunCommand options = new RunCommand();
                ResultsDir results =
                    ResultsDir.create(dir, kexpFile, loaded.plan(), KexpCommand.version());
                return RunCommand.execute(
                    loaded, kexpFile, results, dir, options.options(), stop, System.out);
              });
      repl.banner();
      if (file != null) repl.load(file);
      try {
        repl.loop();
      } finally {
        repl.cleanUp();
      }
      reader.getHistory().save();
    }
    return KexpCommand.OK;
  }

  /** History is kept in the user's home, like a shell's. */
  private static Path history() {
    return Path.of(System.getProperty("user.home"), ".kexp_history");
  }
}
