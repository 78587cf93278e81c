package dev.kexp.dsl;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.check.Validator;
import dev.kexp.dsl.internal.Braces;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.internal.KeywordCheck;
import dev.kexp.dsl.internal.NamedBlocks;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.sandbox.MemoryBudget;
import dev.kexp.dsl.sandbox.SafeSubset;
import dev.kexp.dsl.spec.ExperimentSpec;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * The language's front door: a .kexp file in, an immutable {@link Experiment} and every problem
 * out. Nothing is thrown for bad input. The file is checked statically (syntax, sandbox, keywords)
 * before any of it runs, and then evaluated under a time limit by delegates with no side effects.
 */
public final class Kexp {
  /** How long a file may take to evaluate: an experiment description is not a computation. */
  public static final Duration EVALUATION_LIMIT = Duration.ofSeconds(5);

  private Kexp() {}

  /** The result of loading a file: the experiment (null if there are errors) and all problems. */
  public record Loaded(Experiment experiment, List<Problem> problems) {
    public boolean hasErrors() {
      return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
      return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
      return problems.stream().filter(p -> !p.isError()).toList();
    }
  }

  public static Loaded load(Path file) {
    String display = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Loaded(
          null,
          List.of(
              Problem.error(new SourceRef(display, 0, 0), "cannot read the file: " + describe(e))));
    }
    return manifestsExist(parse(text, display), file);
  }

  /**
   * Manifest files named by {@code apply manifest(...)} must exist beside the .kexp file, so a
   * missing one is reported by {@code kexp check}, not halfway through a run.
   */
  private static Loaded manifestsExist(Loaded loaded, Path file) {
    if (loaded.experiment() == null) return loaded;
    List<Problem> problems = new java.util.ArrayList<>(loaded.problems());
    Path dir = file.toAbsolutePath().getParent();
    for (dev.kexp.dsl.model.Phase p : loaded.experiment().allPhases()) {
      dev.kexp.dsl.model.Manifest m =
          p instanceof dev.kexp.dsl.model.Phase.ApplyManifest a
              ? a.manifest()
              : p instanceof dev.kexp.dsl.model.Phase.DeleteManifest d ? d.manifest() : null;
      if (m != null && !Files.isRegularFile(dir.resolve(m.path()))) {
        problems.add(
            Problem.error(
                m.at(),
                "manifest '"
                    + m.path()
                    + "': no such file (the path is relative to the .kexp file)"));
      }
    }
    dev.kexp.dsl.model.ReportLayout layout = loaded.experiment().reportLayout();
    if (layout.reference() != null && !Files.isRegularFile(dir.resolve(layout.reference()))) {
      problems.add(
          Problem.error(
              layout.at(),
              "report reference '"
                  + layout.reference()
                  + "': no such file (the path is relative to the .kexp file)"));
    }
    if (problems.size() == loaded.problems().size()) return loaded;
    return new Loaded(null, List.copyOf(problems));
  }

  /** Loads a .kexp text; {@code displayName} is how problems name the file. */
  public static Loaded parse(String text, String displayName) {
    String unitName = unitName(displayName);
    KeywordCheck check = new KeywordCheck(displayName);
    Compiled compiled = compile(text, displayName, unitName, check, KexpScript.class, List.of());
    List<Problem> problems = new ArrayList<>(compiled.problems());
    if (compiled.scriptClass() == null || problems.stream().anyMatch(Problem::isError)) {
      return new Loaded(null, sorted(problems));
    }
    Evaluation ev = new Evaluation(displayName, unitName, check);
    KexpScript script;
    try {
      script = (KexpScript) compiled.scriptClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      problems.add(
          Problem.error(new SourceRef(displayName, 0, 0), "cannot load the file: " + describe(e)));
      return new Loaded(null, sorted(problems));
    }
    script.bind(ev);
    boolean evaluated = bounded(ev, unitName, script::run) != FAILED;
    Experiment experiment = null;
    if (!evaluated) {
      // The experiment is half-built: its "missing block" errors would only be noise.
    } else if (script.experiments().isEmpty()) {
      if (ev.problems().isEmpty()) {
        ev.error(
            new SourceRef(displayName, 1, 1),
            "no experiment in this file: start with experiment 'name' { ... }");
      }
    } else {
      experiment = build(script.experiments().get(0), ev, unitName);
    }
    problems.addAll(ev.problems());
    if (experiment != null && problems.stream().noneMatch(Problem::isError)) {
      problems.addAll(Validator.validate(experiment));
    }
    List<Problem> all = sorted(problems);
    boolean failed = all.stream().anyMatch(Problem::isError);
    return new Loaded(failed ? null : experiment, all);
  }

  /** A compiled text: its script class (null when it did not compile) and its static problems. */
  record Compiled(Class<?> scriptClass, List<Problem> problems) {}

  /**
   * Compiles a text under the sandbox with the keyword check, reporting every static problem.
   *
   * @param extra customizers that run first (the REPL's)
   */
  static Compiled compile(
      String text,
      String displayName,
      String unitName,
      KeywordCheck check,
      Class<? extends KexpScript> base,
      List<CompilationCustomizer> extra) {
    CompilerConfiguration config = new CompilerConfiguration();
    config.setScriptBaseClass(base.getName());
    SafeSubset.configure(config, displayName, EVALUATION_LIMIT);
    // The keyword check runs before the sandbox's check of the same phase, so that a file with a
    // sandbox violation still gets its misspellings reported too.
    config.getCompilationCustomizers().add(0, check);
    config.getCompilationCustomizers().add(0, new NamedBlocks());
    config.getCompilationCustomizers().addAll(0, extra);
    List<Problem> problems = new ArrayList<>();
    Class<?> scriptClass = null;
    try (GroovyClassLoader loader = new GroovyClassLoader(Kexp.class.getClassLoader(), config)) {
      scriptClass = loader.parseClass(new GroovyCodeSource(text, unitName, "/kexp"), false);
    } catch (MultipleCompilationErrorsException e) {
      Optional<Braces.Unbalanced> brace = Braces.find(text);
      if (brace.isPresent()) {
        Braces.Unbalanced b = brace.get();
        problems.add(
            Problem.error(
                new SourceRef(displayName, b.line(), b.column()),
                b.unclosed()
                    ? "syntax error: this '{' is never closed; add '}' where its block ends"
                    : "syntax error: this '}' has no matching '{'"));
      } else {
        problems.addAll(compileProblems(e, displayName));
      }
    } catch (IOException e) {
      problems.add(
          Problem.error(new SourceRef(displayName, 0, 0), "cannot load the file: " + describe(e)));
    }
    // Where the keyword check explains a position (a misspelled chain word), it is the better
    // message than the sandbox's "method not allowed" for the same spot.
    problems.removeIf(p -> check.problems().stream().anyMatch(k -> k.at().equals(p.at())));
    problems.addAll(check.problems());
    return new Compiled(scriptClass, problems);
  }

  /** What {@link #bounded} returns when the evaluation failed (its problem is recorded). */
  static final Object FAILED = new Object();

  /**
   * Evaluates under the memory budget (the time limit is compiled into the script): the value, or
   * {@link #FAILED} after recording why at the line where it stopped.
   */
  static Object bounded(Evaluation ev, String unitName, Callable<Object> evaluation) {
    try (MemoryBudget.Watch watch = MemoryBudget.watch(MemoryBudget.DEFAULT_BYTES)) {
      try {
        Object value = evaluation.call();
        if (!watch.exceeded()) return value;
        // Over the budget in straight-line code, where no loop checked for the interrupt.
        ev.error(new SourceRef(ev.displayName(), 1, 1), MemoryBudget.message(watch.budget()));
        return FAILED;
      } catch (Throwable t) {
        String message =
            watch.exceeded() || t instanceof MemoryBudget.Exceeded
                ? MemoryBudget.message(watch.budget())
                : evaluationMessage(t);
        ev.error(where(t, ev.displayName(), unitName), message);
        return FAILED;
      }
    }
  }

  static Experiment build(ExperimentSpec spec, Evaluation ev, String unitName) {
    Object built = bounded(ev, unitName, spec::build);
    return built == FAILED ? null : (Experiment) built;
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream()
        .distinct()
        .sorted(
            Comparator.comparingInt((Problem p) -> p.at().line())
                .thenComparingInt(p -> p.at().column()))
        .toList();
  }

  /** A class-name-safe source name, so stack frames can be matched back to the file. */
  static String unitName(String displayName) {
    String base = Path.of(displayName).getFileName().toString().replaceFirst("\\.kexp$", "");
    String safe = base.replaceAll("[^A-Za-z0-9_]", "_");
    return "kexp_" + safe + ".kexp";
  }

  private static List<Problem> compileProblems(
      MultipleCompilationErrorsException e, String display) {
    List<Problem> out = new ArrayList<>();
    for (Message m : e.getErrorCollector().getErrors()) {
      if (m instanceof SyntaxErrorMessage s) {
        SyntaxException cause = s.getCause();
        out.add(
            Problem.error(
                new SourceRef(
                    display,
                    Math.max(cause.getStartLine(), 1),
                    Math.max(cause.getStartColumn(), 1)),
                syntaxMessage(cause.getOriginalMessage())));
      } else if (m instanceof ExceptionMessage x) {
        out.add(Problem.error(new SourceRef(display, 1, 1), describe(x.getCause())));
      } else if (m instanceof SimpleMessage sm) {
        out.add(Problem.error(new SourceRef(display, 1, 1), sm.getMessage()));
      }
    }
    return out;
  }

  /** Groovy's parser messages, made to read like the rest of kexp's. */
  private static String syntaxMessage(String original) {
    String m = original.replaceAll("\\s*@ line \\d+, column \\d+\\.?", "").trim();
    if (m.startsWith("Unexpected input")) {
      return "syntax error: "
          + m.substring(0, 1).toLowerCase()
          + m.substring(1)
          + " (check for a missing quote, brace or comma)";
    }
    if (m.startsWith("Unexpected character")) {
      return "syntax error: " + m.substring(0, 1).toLowerCase() + m.substring(1);
    }
    return m.isEmpty() ? "syntax error" : m.substring(0, 1).toLowerCase() + m.substring(1);
  }

  static SourceRef where(Throwable t, String display, String unitName) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      for (StackTraceElement el : c.getStackTrace()) {
        if (unitName.equals(el.getFileName()) && el.getLineNumber() > 0) {
          return new SourceRef(display, el.getLineNumber(), 1);
        }
      }
    }
    return new SourceRef(display, 1, 1);
  }

  static String evaluationMessage(Throwable t) {
    if (t instanceof TimeoutException) {
      return "the file took longer than "
          + EVALUATION_LIMIT.toSeconds()
          + " s to evaluate: a .kexp file describes an experiment; look for a very long loop";
    }
    if (t instanceof MissingPropertyException p) {
      return "unknown property '" + p.getProperty() + "'";
    }
    if (t instanceof MissingMethodException m) {
      String args =
          Arrays.stream(m.getArguments()).map(Kexp::show).collect(Collectors.joining(", "));
      return "'" + m.getMethod() + "' cannot take (" + args + ")";
    }
    if (t instanceof StackOverflowError || t instanceof OutOfMemoryError) {
      return "the file is too large to evaluate: " + t.getClass().getSimpleName();
    }
    if (t instanceof RuntimeException && t.getClass().getName().startsWith("java.lang.")) {
      // A mistake in kexp itself, not in the file: say so rather than show Java's words.
      return "kexp could not read this line ("
          + t.getClass().getSimpleName()
          + "); please report it with the file";
    }
    return "could not evaluate the file: " + describe(t);
  }

  private static String show(Object o) {
    if (o == null) return "null";
    if (o instanceof CharSequence s) return "'" + s + "'";
    if (o instanceof groovy.lang.Closure<?>) return "{ block }";
    return o.toString();
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
