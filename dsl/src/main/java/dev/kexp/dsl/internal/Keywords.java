package dev.kexp.dsl.internal;

import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.dsl.vocabulary.Keyword;
import dev.kexp.dsl.vocabulary.Vocabulary;
import dev.kexp.stdlib.Hypervisor;
import dev.kexp.stdlib.Stdlib;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Questions about the language's words, answered from the one {@link Vocabulary} (which words a
 * block accepts, which open a nested block, which chain word follows) and from the stdlib (the bare
 * words that name values: distributions, runtimes, hypervisors, CNIs, modes).
 */
public final class Keywords {
  private Keywords() {}

  /** The keywords (calls) a block accepts, from the vocabulary. */
  public static List<String> calls(Block block) {
    return Vocabulary.of(block).stream()
        .filter(k -> k.form().callable())
        .map(Keyword::word)
        .toList();
  }

  /** Keywords that are used as bare words (no arguments): {@code install}, {@code local}. */
  public static List<String> bare(Block block) {
    return Vocabulary.of(block).stream().filter(k -> k.form().bare()).map(Keyword::word).toList();
  }

  /**
   * Bare words a block accepts only as an option's value: {@code iozone on: workers, tests: [write,
   * read]}. Alone on a line they are an error.
   */
  private static final Map<Block, List<String>> ARGUMENT_WORDS =
      Map.of(
          Block.PHASES,
          List.of(
              "workers",
              "master",
              "write",
              "read",
              "random",
              "backward",
              "recordRewrite",
              "stride",
              "fwrite",
              "fread"));

  public static List<String> argumentWords(Block block) {
    return ARGUMENT_WORDS.getOrDefault(block, List.of());
  }

  public static Optional<Block> child(Block parent, String keyword) {
    return Vocabulary.find(parent, keyword).flatMap(Keyword::child);
  }

  /** The word that must follow a load phase in a command chain: {@code ramp 0..10 over 5.s}. */
  public static Optional<String> chainAfter(String keyword) {
    return Vocabulary.find(Block.PHASES, keyword).flatMap(Keyword::chainWord);
  }

  /** Matrix keys: the settings a matrix can vary. */
  public static final List<String> MATRIX_SETTINGS =
      List.of("distro", "runtime", "hypervisor", "mode", "cni");

  /** Which other block a keyword belongs to, for "'ramp' belongs in phases" hints. */
  public static Optional<Block> home(String keyword) {
    for (Block b : Block.values()) {
      if (b != Block.TOP && b != Block.PROMPT && calls(b).contains(keyword)) return Optional.of(b);
    }
    return Optional.empty();
  }

  /** Every hypervisor mode the stdlib knows ({@code PV}, {@code HVM}, {@code PVH}). */
  public static List<String> modes() {
    Set<String> modes = new LinkedHashSet<>();
    for (Hypervisor h : Stdlib.get().hypervisors().values()) modes.addAll(h.modes());
    return List.copyOf(modes);
  }

  /**
   * The values a bare word can name anywhere: distributions, runtimes, hypervisors, CNIs, modes.
   */
  public static List<String> values() {
    Stdlib lib = Stdlib.get();
    List<String> all = new ArrayList<>();
    all.addAll(lib.distros().keySet());
    all.addAll(lib.runtimes().keySet());
    all.addAll(lib.hypervisors().keySet());
    all.addAll(lib.cnis().keySet());
    all.addAll(modes());
    return all;
  }

  /** The words a value position accepts: {@code distro X} takes a distribution, and so on. */
  public static Optional<List<String>> valuesFor(String setting) {
    Stdlib lib = Stdlib.get();
    return Optional.ofNullable(
        switch (setting) {
          case "distro" -> List.copyOf(lib.distros().keySet());
          case "runtime" -> List.copyOf(lib.runtimes().keySet());
          case "hypervisor" -> List.copyOf(lib.hypervisors().keySet());
          case "cni" -> List.copyOf(lib.cnis().keySet());
          case "mode" -> modes();
          default -> null;
        });
  }

  /** How a setting's values are named in messages. */
  public static String kindOf(String setting) {
    return switch (setting) {
      case "distro" -> "distro";
      case "runtime" -> "container runtime";
      case "hypervisor" -> "hypervisor";
      case "cni" -> "CNI";
      case "mode" -> "hypervisor mode";
      default -> setting;
    };
  }
}
