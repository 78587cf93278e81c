package dev.kexp.dsl.internal;

import dev.kexp.stdlib.Hypervisor;
import dev.kexp.stdlib.Stdlib;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keyword table: which words each block of the language accepts, which words open a nested
 * block, and which bare words (values) exist. The static check, the delegates' error messages and
 * the REPL's completion all read this one table.
 */
public final class Keywords {
  private Keywords() {}

  /** A block of the language, named as users write it. */
  public enum Block {
    TOP("the top level"),
    EXPERIMENT("experiment"),
    CLUSTER("cluster"),
    OPENFAAS("openfaas"),
    LOAD("load"),
    METRICS("metrics"),
    PHASES("phases"),
    MATRIX("matrix"),
    CELL("cell"),
    THRESHOLDS("thresholds");

    private final String title;

    Block(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  private static final Map<Block, List<String>> CALLS =
      Map.of(
          Block.TOP, List.of("experiment"),
          Block.EXPERIMENT,
              List.of(
                  "description",
                  "cluster",
                  "workload",
                  "load",
                  "metrics",
                  "phases",
                  "setup",
                  "teardown",
                  "repeat",
                  "matrix",
                  "thresholds",
                  "report",
                  "openfaas",
                  "function",
                  "deployment",
                  "mysql",
                  "env"),
          Block.CLUSTER,
              List.of(
                  "local",
                  "master",
                  "workers",
                  "loader",
                  "ssh",
                  "hypervisor",
                  "runtime",
                  "distro",
                  "cni",
                  "env"),
          Block.OPENFAAS, List.of("function"),
          Block.LOAD, List.of("target", "method", "header", "body", "timeout", "think", "env"),
          Block.METRICS, List.of("nodes", "replicas", "prometheus"),
          Block.PHASES,
              List.of(
                  "install",
                  "deploy",
                  "uninstall",
                  "ramp",
                  "rate",
                  "hold",
                  "steps",
                  "cooldown",
                  "idle",
                  "startMaster",
                  "addWorkers",
                  "apply",
                  "delete",
                  "drainWorkers",
                  "stopMaster",
                  "sysbench",
                  "iozone",
                  "deployment",
                  "manifest",
                  "env"),
          Block.MATRIX, List.of("cell"),
          Block.CELL, List.of("cluster"),
          Block.THRESHOLDS, List.of("breakpoint"));

  /** Keywords that are used as bare words (no arguments): {@code install}, {@code local}. */
  private static final Map<Block, List<String>> BARE =
      Map.of(
          Block.CLUSTER, List.of("local"),
          Block.LOAD, List.of("workload"),
          Block.PHASES,
              List.of(
                  "install",
                  "deploy",
                  "uninstall",
                  "startMaster",
                  "addWorkers",
                  "drainWorkers",
                  "stopMaster"));

  private static final Map<String, Block> CHILDREN =
      Map.ofEntries(
          Map.entry("TOP.experiment", Block.EXPERIMENT),
          Map.entry("EXPERIMENT.cluster", Block.CLUSTER),
          Map.entry("EXPERIMENT.openfaas", Block.OPENFAAS),
          Map.entry("EXPERIMENT.load", Block.LOAD),
          Map.entry("EXPERIMENT.metrics", Block.METRICS),
          Map.entry("EXPERIMENT.phases", Block.PHASES),
          Map.entry("EXPERIMENT.setup", Block.PHASES),
          Map.entry("EXPERIMENT.teardown", Block.PHASES),
          Map.entry("EXPERIMENT.matrix", Block.MATRIX),
          Map.entry("EXPERIMENT.thresholds", Block.THRESHOLDS),
          Map.entry("MATRIX.cell", Block.CELL),
          Map.entry("CELL.cluster", Block.CLUSTER));

  /** The word that must follow a load phase in a command chain: {@code ramp 0..10 over 5.s}. */
  private static final Map<String, String> CHAINS =
      Map.of("ramp", "over", "rate", "over", "hold", "over", "steps", "each");

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

  /** Matrix keys: the settings a matrix can vary. */
  public static final List<String> MATRIX_SETTINGS =
      List.of("distro", "runtime", "hypervisor", "mode", "cni");

  public static List<String> calls(Block block) {
    return CALLS.getOrDefault(block, List.of());
  }

  public static List<String> bare(Block block) {
    return BARE.getOrDefault(block, List.of());
  }

  public static Optional<Block> child(Block parent, String keyword) {
    return Optional.ofNullable(CHILDREN.get(parent.name() + "." + keyword));
  }

  public static Optional<String> chainAfter(String keyword) {
    return Optional.ofNullable(CHAINS.get(keyword));
  }

  /** Which other block a keyword belongs to, for "'ramp' belongs in phases" hints. */
  public static Optional<Block> home(String keyword) {
    for (Block b : Block.values()) {
      if (b != Block.TOP && calls(b).contains(keyword)) return Optional.of(b);
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
