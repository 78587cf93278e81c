package dev.kexp.runtime.cli;

import dev.kexp.dsl.Prompt;
import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.units.Units;
import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.dsl.vocabulary.Keyword;
import dev.kexp.dsl.vocabulary.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the prompt: the keywords of the block the cursor is in (from the vocabulary,
 * with their examples as descriptions), the bare words and the names defined so far, units after a
 * number, the REPL's commands, cells after {@code :plan} and {@code :run}, and file names.
 */
final class ReplCompleter implements Completer {
  private static final Pattern NUMBER_DOT = Pattern.compile("(\\d+(?:\\.\\d+)?\\.)(\\w*)");

  private final Prompt prompt;
  private final Completer files = new Completers.FileNameCompleter();

  ReplCompleter(Prompt prompt) {
    this.prompt = prompt;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String before = line.line().substring(0, line.cursor());
    String word = line.word().substring(0, line.wordCursor());
    if (before.stripLeading().startsWith(":")) {
      command(reader, line, candidates);
      return;
    }
    Matcher unit = NUMBER_DOT.matcher(word);
    if (unit.matches()) {
      for (String u : Units.WORDS) candidates.add(plain(unit.group(1) + u, "unit"));
      return;
    }
    Block block = ReplBlocks.at(before);
    Map<String, String> words = new LinkedHashMap<>();
    for (Keyword k : Vocabulary.of(block)) words.putIfAbsent(k.word(), k.example());
    for (String v : Keywords.values()) words.putIfAbsent(v, "value");
    for (String n : prompt.names()) words.putIfAbsent(n, "defined");
    words.forEach((w, description) -> candidates.add(plain(w, description)));
  }

  private void command(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() == 0) {
      for (ReplCommands.Command c : ReplCommands.ALL) candidates.add(plain(c.name(), c.help()));
      return;
    }
    String command = line.words().get(0);
    String previous = line.words().get(line.wordIndex() - 1);
    if (command.equals(":load") || command.equals(":report") || previous.equals("-o")) {
      files.complete(reader, line, candidates);
    } else if (command.equals(":plan") || command.equals(":run")) {
      prompt
          .current()
          .ifPresent(
              l -> {
                for (Cell c : l.experiment().cells()) candidates.add(plain(c.name(), "cell"));
              });
      candidates.add(plain("-o", "results directory"));
    }
  }

  private static Candidate plain(String value, String description) {
    return new Candidate(value, value, null, description, null, null, true);
  }
}
