package dev.kexp.dsl;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.check.Validator;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.internal.KeywordCheck;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Probe;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.vocabulary.Block;
import groovy.lang.Binding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * The language at an interactive prompt: each entry is checked statically and evaluated exactly as
 * a file is (the same keyword check, sandbox, time limit and memory budget), at the {@link
 * Block#PROMPT} level, where plain Groovy values, {@code experiment '...' { }} and probes are
 * allowed. Names defined with {@code def} stay defined for later entries. Side-effect free: probes
 * are returned, not run.
 */
public final class Prompt {
  /** How problems name what was typed: {@code prompt:1:7: unknown keyword ...}. */
  public static final String NAME = "prompt";

  private final Binding binding = new Binding();
  private Kexp.Loaded current;
  private Path file;
  private String source;
  private int entries;

  /** What an entry gave: its value (if any), a new current experiment, probes, and problems. */
  public record Result(
      Object value, Experiment experiment, List<Probe> probes, List<Problem> problems) {
    public boolean hasErrors() {
      return problems.stream().anyMatch(Problem::isError);
    }
  }

  /** The current experiment and its problems (warnings), if one was loaded or typed. */
  public Optional<Kexp.Loaded> current() {
    return Optional.ofNullable(current);
  }

  /** The file the current experiment came from, if it came from one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The text the current experiment was typed as, when it was typed at the prompt. */
  public Optional<String> source() {
    return file == null ? Optional.ofNullable(source) : Optional.empty();
  }

  /** The names defined so far, for completion. */
  public Set<String> names() {
    Set<String> names = new java.util.TreeSet<>();
    for (Object name : binding.getVariables().keySet()) names.add(String.valueOf(name));
    return names;
  }

  /** Loads a file as {@code kexp check} does; without errors its experiment becomes current. */
  public Kexp.Loaded load(Path path) {
    Kexp.Loaded loaded = Kexp.load(path);
    if (!loaded.hasErrors()) {
      current = loaded;
      file = path;
    }
    return loaded;
  }

  /** Checks and evaluates one entry (one or more lines). */
  public Result evaluate(String text) {
    entries++;
    String unitName = "kexp_prompt_" + entries + ".kexp";
    Set<String> known = new LinkedHashSet<>(names());
    KeywordCheck check = new KeywordCheck(NAME, Block.PROMPT, known);
    Kexp.Compiled compiled =
        Kexp.compile(
            text, NAME, unitName, check, PromptScript.class, List.of(new KeepDefinitions(known)));
    List<Problem> problems = new ArrayList<>(compiled.problems());
    if (compiled.scriptClass() == null || problems.stream().anyMatch(Problem::isError)) {
      return new Result(null, null, List.of(), sorted(problems));
    }
    Evaluation ev = new Evaluation(NAME, unitName, check);
    PromptScript script;
    try {
      script = (PromptScript) compiled.scriptClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      problems.add(Problem.error(new SourceRef(NAME, 1, 1), "cannot evaluate: " + e));
      return new Result(null, null, List.of(), sorted(problems));
    }
    script.setBinding(binding);
    script.bind(ev);
    Object value = Kexp.bounded(ev, unitName, script::run);
    Experiment experiment = null;
    if (value != Kexp.FAILED && !script.experiments().isEmpty()) {
      experiment = Kexp.build(script.experiments().get(0), ev, unitName);
    }
    problems.addAll(ev.problems());
    if (experiment != null && problems.stream().noneMatch(Problem::isError)) {
      problems.addAll(Validator.validate(experiment));
    }
    List<Problem> all = sorted(problems);
    boolean failed = all.stream().anyMatch(Problem::isError);
    if (experiment != null && !failed) {
      current = new Kexp.Loaded(experiment, all);
      file = null;
      source = text;
    }
    return new Result(
        failed || value == Kexp.FAILED ? null : value,
        failed ? null : experiment,
        failed ? List.of() : List.copyOf(script.probes()),
        all);
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream()
        .distinct()
        .sorted(
            Comparator.comparingInt((Problem p) -> p.at().line())
                .thenComparingInt(p -> p.at().column()))
        .toList();
  }

  /**
   * {@code def x = 5} at the top of an entry becomes {@code x = 5}, a name in the binding, so the
   * next entry still knows {@code x}; the keyword check is told about it.
   */
  private static final class KeepDefinitions extends CompilationCustomizer {
    private final Set<String> known;

    KeepDefinitions(Set<String> known) {
      super(CompilePhase.CONVERSION);
      this.known = known;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
      if (!classNode.isScript() || source.getAST() == null) return;
      for (Statement s : source.getAST().getStatementBlock().getStatements()) {
        if (s instanceof ExpressionStatement es
            && es.getExpression() instanceof DeclarationExpression d
            && !d.isMultipleAssignmentDeclaration()) {
          VariableExpression name = new VariableExpression(d.getVariableExpression().getName());
          name.setSourcePosition(d.getVariableExpression());
          BinaryExpression assign =
              new BinaryExpression(name, d.getOperation(), d.getRightExpression());
          assign.setSourcePosition(d);
          es.setExpression(assign);
          known.add(name.getName());
        }
      }
    }
  }
}
