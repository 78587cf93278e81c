package dev.kexp.runtime.cli;

import dev.kexp.dsl.Kexp;
import dev.kexp.dsl.Prompt;
import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Probe;
import dev.kexp.dsl.spec.Word;
import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.dsl.vocabulary.Keyword;
import dev.kexp.dsl.vocabulary.Vocabulary;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.PlanPrinter;
import dev.kexp.runtime.results.ResultsDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The loop of {@code kexp repl}: reads an entry (more lines while a brace, bracket or quote is
 * open), runs a {@code :command} or evaluates the entry with {@link Prompt}, and prints the value,
 * the problems (as {@code kexp check} does) or a probe's summary. Ctrl-C at the prompt clears the
 * line; during a probe or a run it stops them and the shell stays.
 */
final class Repl {
  private final Terminal terminal;
  private final LineReader reader;
  private final Prompt prompt;
  private final PrintWriter out;
  private final Runner runner;
  private Path typedDir; // experiments typed at the prompt are written here for :check, :plan, :run
  private Path lastRun;
  private String lastRunStatus;

  /** How {@code :run} runs a plan, given how to stop it. */
  interface Runner {
    int run(Loading.Loaded loaded, Path file, Path dir, AtomicBoolean stop) throws IOException;
  }

  Repl(Terminal terminal, LineReader reader, Prompt prompt, Runner runner) {
    this.terminal = terminal;
    this.reader = reader;
    this.prompt = prompt;
    this.out = terminal.writer();
    this.runner = runner;
  }

  void banner() {
    out.println("kexp " + KexpCommand.version() + " repl: :help for commands, Ctrl-D to leave");
    out.flush();
  }

  void loop() {
    while (true) { // ends with :quit or Ctrl-D
      String entry;
      try {
        entry = reader.readLine("kexp> ");
      } catch (UserInterruptException e) {
        continue; // Ctrl-C clears the line
      } catch (EndOfFileException e) {
        return;
      }
      String text = entry.strip();
      if (text.isEmpty()) continue;
      if (text.startsWith(":")) {
        if (!command(text)) return;
      } else {
        evaluate(entry);
      }
      out.flush();
    }
  }

  /** Loads FILE as {@code kexp repl FILE} and {@code :load FILE} do. */
  void load(Path file) {
    Kexp.Loaded loaded = prompt.load(file);
    for (Problem p : loaded.problems()) out.println(p);
    if (!loaded.hasErrors()) {
      out.println(describe(loaded.experiment()) + " (from " + file + ")");
    }
    out.flush();
  }

  private void evaluate(String text) {
    Prompt.Result r = prompt.evaluate(text);
    for (Problem p : r.problems()) out.println(p);
    if (r.hasErrors()) return;
    if (r.experiment() != null) {
      out.println(describe(r.experiment()));
    } else if (r.value() != null && r.probes().isEmpty()) {
      out.println(show(r.value()));
    }
    for (Probe p : r.probes()) {
      out.flush();
      whileStoppable(stop -> ReplProbe.run(p, out, System.err, stop::get));
    }
  }

  /** Runs something that Ctrl-C stops, instead of ending the shell. */
  private void whileStoppable(Consumer<AtomicBoolean> work) {
    AtomicBoolean stop = new AtomicBoolean();
    Terminal.SignalHandler previous =
        terminal.handle(Terminal.Signal.INT, signal -> stop.set(true));
    try {
      work.accept(stop);
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
    }
  }

  /** Runs a command; false for :quit. */
  private boolean command(String text) {
    List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
    String name = words.remove(0);
    switch (name) {
      case ":quit", ":q", ":exit" -> {
        return false;
      }
      case ":help", ":h" -> help(words);
      case ":load" -> {
        if (words.isEmpty()) out.println(":load needs a FILE");
        else load(Path.of(words.get(0)));
      }
      case ":check" -> withFile(file -> cli("check", file.toString()));
      case ":plan" -> plan(words);
      case ":run" -> run(words);
      case ":report" -> report(words);
      case ":results" -> results();
      default ->
          out.println(
              "unknown command '"
                  + name
                  + "'"
                  + Suggest.didYouMean(
                      name, ReplCommands.ALL.stream().map(ReplCommands.Command::name).toList())
                  + " (:help lists them)");
    }
    return true;
  }

  private void help(List<String> words) {
    if (!words.isEmpty()) {
      Optional<Block> block =
          Arrays.stream(Block.values()).filter(b -> b.title().equals(words.get(0))).findFirst();
      if (block.isEmpty() || Vocabulary.of(block.get()).isEmpty()) {
        out.println(
            "no block '"
                + words.get(0)
                + "'"
                + Suggest.didYouMean(
                    words.get(0), Arrays.stream(Block.values()).map(Block::title).toList()));
        return;
      }
      out.println(block.get().title() + " { }:");
      for (Keyword k : Vocabulary.of(block.get())) {
        out.printf("  %-44s %s%n", k.example(), k.doc());
      }
      return;
    }
    out.println("Commands:");
    for (ReplCommands.Command c : ReplCommands.ALL) {
      out.printf("  %-26s %s%n", c.name() + (c.args().isEmpty() ? "" : " " + c.args()), c.help());
    }
    out.println("At the prompt:");
    for (Keyword k : Vocabulary.of(Block.PROMPT)) {
      out.printf("  %-52s %s%n", k.example(), k.doc());
    }
    out.println(
        "  30.min + 10.s, def users = 50, [1, 2].collect { it * 2 }    plain Groovy values");
    out.println(
        "Blocks (:help BLOCK lists its keywords): "
            + String.join(
                ", ",
                Arrays.stream(Block.values())
                    .filter(b -> b != Block.TOP && b != Block.PROMPT)
                    .map(Block::title)
                    .toList()));
    out.println("Values: " + String.join(", ", Keywords.values()));
    out.println("Tab completes the keywords of the block the cursor is in, commands and files.");
  }

  private void plan(List<String> words) {
    withFile(
        file -> {
          Loading.Loaded l = Loading.load(file, out, false);
          if (l.plan() == null) return;
          Optional<Plan> plan = onlyCell(l.plan(), words.isEmpty() ? null : words.get(0));
          plan.ifPresent(p -> out.print(PlanPrinter.text(p)));
        });
  }

  private void run(List<String> words) {
    String cell = null;
    Path dir = null;
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equals("-o") && i + 1 < words.size()) dir = Path.of(words.get(++i));
      else cell = words.get(i);
    }
    String onlyCell = cell;
    Path output = dir;
    withFile(
        file -> {
          Loading.Loaded l = Loading.load(file, out, true);
          if (l.plan() == null) return;
          Optional<Plan> plan = onlyCell(l.plan(), onlyCell);
          if (plan.isEmpty()) return;
          Loading.Loaded chosen = new Loading.Loaded(l.file(), plan.get(), l.refused());
          Path target = output != null ? output : ResultsDir.defaultFor(plan.get().experiment());
          out.println("results: " + target + " (Ctrl-C stops the run and keeps what was measured)");
          out.flush();
          int[] code = {KexpCommand.FAILED};
          whileStoppable(
              stop -> {
                try {
                  code[0] = runner.run(chosen, file, target, stop);
                } catch (IOException e) {
                  out.println("kexp: " + e.getMessage());
                }
              });
          System.out.flush();
          lastRun = target;
          lastRunStatus = code[0] == KexpCommand.OK ? "complete" : "failed or stopped";
        });
  }

  private Optional<Plan> onlyCell(Plan plan, String cell) {
    if (cell == null) return Optional.of(plan);
    var runs = plan.runs().stream().filter(r -> r.cell().equals(cell)).toList();
    if (runs.isEmpty()) {
      out.println(
          "no cell '"
              + cell
              + "'"
              + Suggest.didYouMean(
                  cell, plan.runs().stream().map(r -> r.cell()).distinct().toList()));
      return Optional.empty();
    }
    return Optional.of(
        new Plan(
            plan.experiment(),
            plan.description(),
            plan.file(),
            plan.sha256(),
            runs,
            plan.thresholds(),
            plan.reports(),
            plan.warnings()));
  }

  private void report(List<String> words) {
    Path dir = words.isEmpty() ? lastRun : Path.of(words.get(0));
    if (dir == null) {
      out.println(":report needs a DIR (no run yet in this shell)");
      return;
    }
    cli("report", dir.toString());
  }

  private void results() {
    if (lastRun == null) {
      out.println("no run yet in this shell: :run runs the current experiment");
      return;
    }
    out.println("results: " + lastRun + " (" + lastRunStatus + ")");
    Path summary = lastRun.resolve("summary.csv");
    if (Files.isRegularFile(summary)) {
      try {
        for (String line : Files.readAllLines(summary, StandardCharsets.UTF_8)) {
          out.println("  " + line);
        }
      } catch (IOException e) {
        out.println("cannot read " + summary + ": " + e.getMessage());
      }
    }
    Path html = lastRun.resolve("report.html");
    if (Files.isRegularFile(html)) out.println("report: " + html);
  }

  /** The current experiment as a file: the loaded one, or what was typed, written to a file. */
  private void withFile(IoAction action) {
    Optional<Path> file = prompt.file();
    try {
      if (file.isEmpty()) {
        Optional<String> source = prompt.source();
        if (source.isEmpty()) {
          out.println(
              "no experiment yet: :load FILE, or type experiment 'name' { ... } at the prompt");
          return;
        }
        if (typedDir == null) typedDir = Files.createTempDirectory("kexp-repl-");
        Path typed =
            typedDir.resolve(
                safeName(prompt.current().orElseThrow().experiment().name()) + ".kexp");
        Files.writeString(typed, source.get(), StandardCharsets.UTF_8);
        file = Optional.of(typed);
      }
      action.accept(file.get());
    } catch (IOException e) {
      out.println("kexp: " + e.getMessage());
    }
  }

  /** An experiment's name as a file name: {@code experiment 'a/b c'} is written as a_b_c.kexp. */
  private static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "experiment" + safe : safe;
  }

  /** Removes the files written for experiments typed at the prompt (results keep their copy). */
  void cleanUp() {
    if (typedDir == null) return;
    try (var files = Files.list(typedDir)) {
      for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
      Files.deleteIfExists(typedDir);
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }

  interface IoAction {
    void accept(Path file) throws IOException;
  }

  private void cli(String... args) {
    var cl = KexpCommand.commandLine();
    cl.setOut(out);
    cl.setErr(out);
    cl.execute(args);
    out.flush();
  }

  private static String describe(Experiment e) {
    return "experiment '"
        + e.name()
        + "' is the current one: "
        + e.cells().size()
        + (e.cells().size() == 1 ? " cell" : " cells")
        + " × "
        + e.repeat().times()
        + (e.repeat().times() == 1 ? " repetition" : " repetitions")
        + " (:plan shows its steps, :run runs it)";
  }

  /** A value as a researcher writes it: {@code 30min 10s}, lists and maps as Groovy prints them. */
  static String show(Object value) {
    if (value instanceof Duration d) return duration(d);
    if (value instanceof Word w) return w.text();
    if (value instanceof CharSequence s) return s.toString();
    return InvokerHelper.toString(value);
  }

  static String duration(Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder s = new StringBuilder(d.isNegative() ? "-" : "");
    Duration left = d.abs();
    long h = left.toHours();
    long min = left.toMinutesPart();
    long sec = left.toSecondsPart();
    long ms = left.toMillisPart();
    if (h > 0) s.append(h).append("h ");
    if (min > 0) s.append(min).append("min ");
    if (sec > 0) s.append(sec).append("s ");
    if (ms > 0) s.append(ms).append("ms ");
    return s.toString().strip();
  }
}
