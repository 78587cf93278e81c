package dev.kexp.dsl.sandbox;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.SourceRef;
import groovy.transform.ThreadInterrupt;
import groovy.transform.TimedInterrupt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * The sandbox of the .kexp language, its one entry point: a whitelist of the Groovy constructs a
 * .kexp file may use, so that reading, checking or planning somebody else's experiment never runs
 * arbitrary code.
 *
 * <p>It works on the AST after semantic analysis (phase CANONICALIZATION, when class references
 * have become {@link ClassExpression}s) and walks the script body — the {@code run()} method and
 * every closure in it — reporting <em>every</em> violation, never just the first. Use it either
 * through {@link #configure} (customizers for a {@code CompilationUnit}/{@code GroovyShell}) or
 * directly through {@link #check(SourceUnit)} on a source unit compiled with that configuration.
 *
 * <p>Its parts: {@link Policy} (the tables), {@link Checker} (the visitor), {@link AnnotationGuard}
 * and {@link SubscriptGuard} (changes to the AST), {@link SafeIndex} (the subscript guard's
 * run-time half).
 *
 * <p>Two layers protect the compiler itself before the check runs: the {@code @Grab} global
 * transform is disabled, and a CONVERSION-phase guard records and strips every annotation written
 * in the file, so that local AST transforms that run code at compile time (for instance
 * {@code @ASTTest}) never see them; those annotations are reported together with everything else.
 *
 * <p>A static whitelist cannot bound running time ({@code (1..1e9).collect { }}), so {@link
 * #configure} also applies {@link TimedInterrupt} and {@link ThreadInterrupt}: a file that
 * evaluates for longer than the limit is stopped with a {@link TimeoutException}, see {@link
 * #isTimeout} and {@link #timeoutMessage}.
 */
public final class SafeSubset {

  /** The name of Groovy's {@code @Grab} global AST transform, disabled by {@link #configure}. */
  public static final String GRAB_TRANSFORM = "groovy.grape.GrabAnnotationTransformation";

  /** Evaluation time limit used when none is given. */
  public static final Duration DEFAULT_EVAL_LIMIT = Duration.ofSeconds(5);

  private static final String CHECKED = SafeSubset.class.getName() + ".checked";

  private SafeSubset() {}

  // ---------------------------------------------------------------------------------------------
  // public API

  /**
   * Adds the sandbox to {@code base} (which is modified and returned): the CONVERSION annotation
   * guard and the CANONICALIZATION checker (both placed before any customizer already there), the
   * {@code @Grab} transform disabled, and {@link TimedInterrupt}/{@link ThreadInterrupt} so that
   * evaluation stops after {@code evalLimit} with a {@link TimeoutException}.
   *
   * @param fileName the file name reported in each violation's {@link SyntaxException}
   * @param evalLimit the longest a script may run; {@code null} means {@link #DEFAULT_EVAL_LIMIT}
   */
  public static CompilerConfiguration configure(
      CompilerConfiguration base, String fileName, Duration evalLimit) {
    Duration limit = evalLimit == null ? DEFAULT_EVAL_LIMIT : evalLimit;
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("evalLimit must be positive: " + limit);
    }
    Set<String> disabled = new HashSet<>();
    if (base.getDisabledGlobalASTTransformations() != null) {
      disabled.addAll(base.getDisabledGlobalASTTransformations());
    }
    disabled.add(GRAB_TRANSFORM);
    base.setDisabledGlobalASTTransformations(disabled);

    List<CompilationCustomizer> existing = new ArrayList<>(base.getCompilationCustomizers());
    base.getCompilationCustomizers().clear();
    // The checker must see the AST before any transform (the interrupts included) adds code.
    base.addCompilationCustomizers(AnnotationGuard.customizer(), customizer(fileName));
    base.addCompilationCustomizers(existing.toArray(new CompilationCustomizer[0]));
    base.addCompilationCustomizers(
        new ASTTransformationCustomizer(
            Map.of("value", limit.toMillis(), "unit", TimeUnit.MILLISECONDS), TimedInterrupt.class),
        new ASTTransformationCustomizer(ThreadInterrupt.class));
    return base;
  }

  /**
   * Every sandbox violation in {@code source}, sorted by position. The source must have been
   * compiled to at least CANONICALIZATION, preferably with a {@link #configure configured}
   * compilation (without it, annotations such as {@code @ASTTest} have already run by then).
   */
  public static List<Problem> check(SourceUnit source) {
    ModuleNode module = source.getAST();
    String file = source.getName();
    List<Problem> problems = new ArrayList<>();
    if (module == null) {
      return problems;
    }
    List<Problem> early = module.getNodeMetaData(AnnotationGuard.EARLY_PROBLEMS);
    if (early != null) {
      problems.addAll(early);
    }
    Checker checker = new Checker(file, problems);
    checker.checkModule(module);
    return Checker.sortAndDistinct(problems);
  }

  /**
   * The CANONICALIZATION-phase checker: adds each violation to the source unit's error collector
   * (without stopping at the first), so {@code CompilationUnit.compile()} fails with all of them.
   * Use {@link #configure}, which also installs the annotation guard this relies on.
   */
  public static CompilationCustomizer customizer(String fileName) {
    return new CompilationCustomizer(CompilePhase.CANONICALIZATION) {
      @Override
      public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (module == null || Boolean.TRUE.equals(module.getNodeMetaData(CHECKED))) {
          return;
        }
        module.putNodeMetaData(CHECKED, Boolean.TRUE);
        for (Problem p : check(source)) {
          SyntaxException e =
              new SyntaxException(p.message(), p.at().line(), Math.max(p.at().column(), 1));
          e.setSourceLocator(fileName != null ? fileName : source.getName());
          source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(e, source));
        }
        SubscriptGuard.install(module);
        SizeGuard.install(module);
      }
    };
  }

  /** Whether {@code t} (or a cause) is the interrupt raised when evaluation ran past its limit. */
  public static boolean isTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TimeoutException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** The message for a timed-out evaluation, e.g. "the file took longer than 5 s to evaluate". */
  public static String timeoutMessage(Duration evalLimit) {
    Duration limit = evalLimit == null ? DEFAULT_EVAL_LIMIT : evalLimit;
    String amount =
        limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    return "the file took longer than " + amount + " to evaluate";
  }

  /**
   * The compilation errors of a failed compilation as problems, e.g. to print what {@link
   * #configure a sandboxed compilation} rejected.
   */
  public static List<Problem> problems(CompilationFailedException failure, String fileName) {
    List<Problem> out = new ArrayList<>();
    if (failure instanceof MultipleCompilationErrorsException m) {
      for (Message msg : m.getErrorCollector().getErrors()) {
        if (msg instanceof SyntaxErrorMessage s) {
          SyntaxException e = s.getCause();
          out.add(
              Problem.error(
                  new SourceRef(fileName, e.getStartLine(), e.getStartColumn()),
                  e.getOriginalMessage()));
        } else {
          out.add(Problem.error(new SourceRef(fileName, 0, 0), String.valueOf(msg)));
        }
      }
    } else {
      out.add(Problem.error(new SourceRef(fileName, 0, 0), failure.getMessage()));
    }
    return out;
  }
}
