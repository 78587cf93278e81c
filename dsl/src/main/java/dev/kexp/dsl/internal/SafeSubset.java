package dev.kexp.dsl.internal;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.SourceRef;
import groovy.transform.ThreadInterrupt;
import groovy.transform.TimedInterrupt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.GenericsType;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BitwiseNegationExpression;
import org.codehaus.groovy.ast.expr.BooleanExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ClosureListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.ElvisOperatorExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.FieldExpression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.LambdaExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.MethodReferenceExpression;
import org.codehaus.groovy.ast.expr.NotExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.SpreadMapExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TernaryExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.ast.expr.UnaryPlusExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.AssertStatement;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.BreakStatement;
import org.codehaus.groovy.ast.stmt.CaseStatement;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.ContinueStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.EmptyStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.IfStatement;
import org.codehaus.groovy.ast.stmt.ReturnStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.SwitchStatement;
import org.codehaus.groovy.ast.stmt.SynchronizedStatement;
import org.codehaus.groovy.ast.stmt.ThrowStatement;
import org.codehaus.groovy.ast.stmt.TryCatchStatement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.classgen.BytecodeExpression;
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
import org.codehaus.groovy.syntax.Types;

/**
 * The sandbox of the .kexp language: a whitelist of the Groovy constructs a .kexp file may use, so
 * that reading, checking or planning somebody else's experiment never runs arbitrary code.
 *
 * <p>It works on the AST after semantic analysis (phase CANONICALIZATION, when class references
 * have become {@link ClassExpression}s) and walks the script body — the {@code run()} method and
 * every closure in it — reporting <em>every</em> violation, never just the first. Use it either
 * through {@link #configure} (customizers for a {@code CompilationUnit}/{@code GroovyShell}) or
 * directly through {@link #check(SourceUnit)} on a source unit compiled with that configuration.
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

  /** Methods callable on a value (collections, strings, numbers, ranges, dsl chain words). */
  static final Set<String> VALUE_METHODS =
      Set.of(
          "collect",
          "collectEntries",
          "each",
          "eachWithIndex",
          "findAll",
          "find",
          "findIndexOf",
          "any",
          "every",
          "sum",
          "max",
          "min",
          "size",
          "join",
          "sort",
          "reverse",
          "plus",
          "minus",
          "multiply",
          "div",
          "mod",
          "power",
          "contains",
          "containsKey",
          "keySet",
          "values",
          "get",
          "getAt",
          "putAt",
          "toString",
          "toUpperCase",
          "toLowerCase",
          "capitalize",
          "trim",
          "split",
          "tokenize",
          "replace",
          "startsWith",
          "endsWith",
          "indexOf",
          "substring",
          "subList",
          "take",
          "drop",
          "first",
          "last",
          "isEmpty",
          "count",
          "unique",
          "flatten",
          "inject",
          "withIndex",
          "step",
          "upto",
          "downto",
          "times",
          "toInteger",
          "toLong",
          "toDouble",
          "toBigDecimal",
          "intValue",
          "longValue",
          "doubleValue",
          "abs",
          "round",
          "padLeft",
          "padRight",
          "center",
          // dsl chain words: `ramp 0..users over 30.min`, `steps 1, 2 each 1.min`
          "over",
          // calling a closure declared in the file: `def f = { }; f(1)` compiles to f.call(1)
          "call");

  /**
   * Methods every Groovy script, closure or object has; they are reachable as implicit-this calls
   * and must never be called from a .kexp file. Any other implicit-this call is a dsl keyword,
   * which another component checks against the keyword table.
   */
  static final Set<String> FORBIDDEN_IMPLICIT_METHODS =
      Set.of(
          "evaluate",
          "run",
          "print",
          "println",
          "printf",
          "sleep",
          "getBinding",
          "setBinding",
          "getProperty",
          "setProperty",
          "invokeMethod",
          "getMetaClass",
          "setMetaClass",
          "getClass",
          "use",
          "with",
          "tap",
          "identity",
          "mixin",
          "addShutdownHook",
          "getAt",
          "putAt",
          "wait",
          "notify",
          "notifyAll",
          "dump",
          "inspect",
          "is",
          "respondsTo",
          "hasProperty",
          "getProperties",
          "getMetaPropertyValues",
          "getDelegate",
          "setDelegate",
          "getOwner",
          "getThisObject",
          "setResolveStrategy",
          "rehydrate",
          "dehydrate",
          "asType",
          "metaClass",
          "main");

  /** Properties (and bare variables) that reach the runtime instead of the experiment. */
  static final Set<String> FORBIDDEN_PROPERTIES =
      Set.of(
          "class",
          "metaClass",
          "binding",
          "properties",
          "metaPropertyValues",
          "delegate",
          "owner",
          "thisObject",
          "resolveStrategy",
          "classLoader",
          "contextClassLoader",
          "systemClassLoader",
          "declaredMethods",
          "declaredFields",
          "declaredConstructors",
          "methods",
          "fields",
          "constructors",
          "protectionDomain",
          "superclass",
          "accessible",
          "out",
          "err",
          "in",
          "env");

  /** Types that may appear in casts, {@code as} coercions and declarations (plus def/var). */
  static final Map<String, String> ALLOWED_TYPES =
      Map.ofEntries(
          Map.entry("int", "int"),
          Map.entry("long", "long"),
          Map.entry("double", "double"),
          Map.entry("boolean", "boolean"),
          Map.entry("java.lang.String", "String"),
          Map.entry("java.lang.Integer", "Integer"),
          Map.entry("java.lang.Long", "Long"),
          Map.entry("java.lang.Double", "Double"),
          Map.entry("java.math.BigDecimal", "BigDecimal"),
          Map.entry("java.util.List", "List"),
          Map.entry("java.util.Map", "Map"),
          Map.entry("java.lang.Object", "def"));

  static final String ALLOWED_TYPES_TEXT =
      "int, long, double, boolean, String, Integer, Long, Double, BigDecimal, List, Map or def";

  static final String LOOP_HINT = "use for (x in list) or list.each { }";

  private static final String EARLY_PROBLEMS = SafeSubset.class.getName() + ".early";
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
    base.addCompilationCustomizers(annotationGuard(), customizer(fileName));
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
    List<Problem> early = module.getNodeMetaData(EARLY_PROBLEMS);
    if (early != null) {
      problems.addAll(early);
    }
    Checker checker = new Checker(file, problems);
    checker.checkModule(module);
    return sortAndDistinct(problems);
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
        guardSubscripts(module);
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

  // ---------------------------------------------------------------------------------------------
  // CONVERSION guard: annotations must go before semantic analysis collects AST transforms

  static CompilationCustomizer annotationGuard() {
    return new CompilationCustomizer(CompilePhase.CONVERSION) {
      @Override
      public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (module == null) {
          return;
        }
        List<Problem> early = module.getNodeMetaData(EARLY_PROBLEMS);
        if (early == null) {
          early = new ArrayList<>();
          module.putNodeMetaData(EARLY_PROBLEMS, early);
          AnnotationStripper moduleStripper = new AnnotationStripper(source, early);
          if (module.getPackage() != null) {
            moduleStripper.strip(module.getPackage());
          }
          for (ImportNode i : allImports(module)) {
            moduleStripper.strip(i);
          }
        }
        new AnnotationStripper(source, early).visitClass(classNode);
      }
    };
  }

  /** Records every annotation written in the file and removes it from the AST. */
  private static final class AnnotationStripper extends ClassCodeVisitorSupport {
    private final SourceUnit source;
    private final List<Problem> problems;

    AnnotationStripper(SourceUnit source, List<Problem> problems) {
      this.source = source;
      this.problems = problems;
    }

    @Override
    protected SourceUnit getSourceUnit() {
      return source;
    }

    void strip(AnnotatedNode node) {
      List<AnnotationNode> annotations = node.getAnnotations();
      if (annotations == null || annotations.isEmpty()) {
        return;
      }
      List<AnnotationNode> written = new ArrayList<>();
      for (AnnotationNode a : annotations) {
        // Annotations the parser adds itself (@Trait, @RecordType) have no source position.
        if (a.getLineNumber() > 0) {
          written.add(a);
          problems.add(
              Problem.error(
                  new SourceRef(source.getName(), a.getLineNumber(), a.getColumnNumber()),
                  annotationMessage(a)));
        }
      }
      if (!written.isEmpty()) {
        annotations.removeAll(written);
      }
    }

    @Override
    public void visitAnnotations(AnnotatedNode node) {
      strip(node);
    }

    @Override
    public void visitClass(ClassNode node) {
      strip(node);
      super.visitClass(node);
    }

    @Override
    protected void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
      strip(node);
      for (Parameter p : node.getParameters()) {
        strip(p);
      }
      super.visitConstructorOrMethod(node, isConstructor);
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression expression) {
      strip(expression);
      super.visitDeclarationExpression(expression);
    }

    @Override
    public void visitClosureExpression(ClosureExpression expression) {
      if (expression.getParameters() != null) {
        for (Parameter p : expression.getParameters()) {
          strip(p);
        }
      }
      super.visitClosureExpression(expression);
    }

    @Override
    public void visitForLoop(ForStatement forLoop) {
      if (forLoop.getVariable() != null) {
        strip(forLoop.getVariable());
      }
      if (forLoop.getIndexVariable() != null) {
        strip(forLoop.getIndexVariable());
      }
      super.visitForLoop(forLoop);
    }

    @Override
    public void visitCatchStatement(CatchStatement statement) {
      strip(statement.getVariable());
      super.visitCatchStatement(statement);
    }
  }

  static String annotationMessage(AnnotationNode a) {
    return "annotation '@"
        + a.getClassNode().getNameWithoutPackage()
        + "' is not allowed in a .kexp file: annotations change how the file is compiled"
        + " (e.g. @Grab downloads code), remove it";
  }

  // ---------------------------------------------------------------------------------------------
  // run-time guard for computed subscript keys

  private static final String GUARD = SafeSubset.class.getName() + ".guard";

  /**
   * Wraps every non-constant subscript key ({@code x[k]}, {@code x.getAt(k)}, {@code x.putAt(k,
   * v)}, {@code x.get(k)}) of the script body in {@link SafeIndex#key}, since on an arbitrary
   * object they read the property named by {@code k}.
   */
  static void guardSubscripts(ModuleNode module) {
    Statement body = scriptBody(module);
    if (body == null) {
      return;
    }
    body.visit(
        new CodeVisitorSupport() {
          @Override
          public void visitBinaryExpression(BinaryExpression expression) {
            super.visitBinaryExpression(expression);
            if (expression.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
              expression.setRightExpression(guard(expression.getRightExpression()));
            }
          }

          @Override
          public void visitMethodCallExpression(MethodCallExpression call) {
            super.visitMethodCallExpression(call);
            String name = call.getMethodAsString();
            if (!call.isImplicitThis()
                && ("getAt".equals(name) || "putAt".equals(name) || "get".equals(name))
                && call.getArguments() instanceof TupleExpression args
                && !args.getExpressions().isEmpty()) {
              args.getExpressions().set(0, guard(args.getExpression(0)));
            }
          }
        });
  }

  private static Expression guard(Expression key) {
    if (key instanceof ConstantExpression || isGuard(key)) {
      return key; // constant keys were checked statically
    }
    StaticMethodCallExpression call =
        new StaticMethodCallExpression(
            ClassHelper.make(SafeIndex.class), "key", new ArgumentListExpression(key));
    call.setSourcePosition(key);
    call.putNodeMetaData(GUARD, Boolean.TRUE);
    return call;
  }

  private static boolean isGuard(Expression e) {
    return e instanceof StaticMethodCallExpression && Boolean.TRUE.equals(e.getNodeMetaData(GUARD));
  }

  private static Statement scriptBody(ModuleNode module) {
    for (ClassNode c : module.getClasses()) {
      if (c.isScript()) {
        MethodNode run = c.getDeclaredMethod("run", Parameter.EMPTY_ARRAY);
        if (run != null && run.getCode() != null) {
          return run.getCode();
        }
        break;
      }
    }
    return module.getStatementBlock();
  }

  // ---------------------------------------------------------------------------------------------
  // the checker

  private static List<ImportNode> allImports(ModuleNode module) {
    List<ImportNode> imports = new ArrayList<>();
    imports.addAll(module.getImports());
    imports.addAll(module.getStarImports());
    imports.addAll(module.getStaticImports().values());
    imports.addAll(module.getStaticStarImports().values());
    return imports;
  }

  private static List<Problem> sortAndDistinct(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
    sorted.sort(
        Comparator.comparingInt((Problem p) -> p.at().line())
            .thenComparingInt(p -> p.at().column()));
    return sorted;
  }

  private static final class Checker extends CodeVisitorSupport {
    private final String file;
    private final List<Problem> problems;

    Checker(String file, List<Problem> problems) {
      this.file = file;
      this.problems = problems;
    }

    void report(ASTNode node, String message) {
      problems.add(
          Problem.error(
              new SourceRef(
                  file, Math.max(node.getLineNumber(), 0), Math.max(node.getColumnNumber(), 0)),
              message));
    }

    /** Reports at {@code preferred} when it has a position, else at {@code fallback}. */
    void report(ASTNode preferred, ASTNode fallback, String message) {
      report(preferred != null && preferred.getLineNumber() > 0 ? preferred : fallback, message);
    }

    void checkModule(ModuleNode module) {
      if (module.hasPackage() && module.getPackage() != null) {
        report(
            module.getPackage(),
            "'package' declarations are not allowed in a .kexp file: remove the package line");
      }
      for (ImportNode i : allImports(module)) {
        if (i.getLineNumber() > 0) { // imports without a position come from the caller's config
          report(i, "imports are not allowed in a .kexp file");
        }
      }
      ClassNode script = null;
      for (ClassNode c : module.getClasses()) {
        if (c.isScript() && script == null) {
          script = c;
        }
      }
      for (ClassNode c : module.getClasses()) {
        if (c == script || c.getOuterClass() != null) {
          continue; // inner classes: their outer class (or the 'new' of an anonymous one) reports
        }
        report(
            c,
            kindOf(c)
                + " declarations are not allowed in a .kexp file: describe the experiment with"
                + " maps, lists and closures instead");
      }
      for (MethodNode m : module.getMethods()) {
        report(
            m,
            "method declarations are not allowed in a .kexp file: use a closure instead,"
                + " e.g. def "
                + m.getName()
                + " = { x -> ... }");
      }
      if (script != null) {
        checkAnnotations(script);
      }
      Statement body = scriptBody(module);
      if (body != null) {
        body.visit(this);
      }
    }

    private static String kindOf(ClassNode c) {
      if (c.isAnnotationDefinition()) {
        return "annotation type";
      }
      for (AnnotationNode a : c.getAnnotations()) {
        String n = a.getClassNode().getName();
        if (n.equals("groovy.transform.Trait")) {
          return "trait";
        }
        if (n.equals("groovy.transform.RecordType")) {
          return "record";
        }
      }
      if (c.isRecord()) {
        return "record";
      }
      if (c.isEnum()) {
        return "enum";
      }
      if (c.isInterface()) {
        return "interface";
      }
      return "class";
    }

    void checkAnnotations(AnnotatedNode node) {
      for (AnnotationNode a : node.getAnnotations()) {
        if (a.getLineNumber() > 0) {
          report(a, annotationMessage(a));
        }
      }
    }

    // --- types -------------------------------------------------------------------------------

    /** The disallowed type named in {@code type} (itself or a generic argument), or null. */
    private static ClassNode badType(ClassNode type) {
      if (type == null) {
        return null;
      }
      if (!ALLOWED_TYPES.containsKey(type.getName())) {
        return type;
      }
      GenericsType[] generics = type.getGenericsTypes();
      if (generics != null) {
        for (GenericsType g : generics) {
          if (g.isPlaceholder() || g.isWildcard()) {
            ClassNode bad = g.getLowerBound() == null ? null : badType(g.getLowerBound());
            if (bad == null && g.getUpperBounds() != null) {
              for (ClassNode b : g.getUpperBounds()) {
                bad = bad != null ? bad : badType(b);
              }
            }
            if (bad != null) {
              return bad;
            }
            if (g.isPlaceholder() && !g.isWildcard()) {
              return g.getType();
            }
            continue;
          }
          ClassNode bad = badType(g.getType());
          if (bad != null) {
            return bad;
          }
        }
      }
      return null;
    }

    static String shortName(ClassNode type) {
      if (type.isArray()) {
        return shortName(type.getComponentType()) + "[]";
      }
      return type.getNameWithoutPackage();
    }

    void checkDeclaredType(ASTNode at, ClassNode type, boolean dynamic, String what) {
      if (dynamic || type == null) {
        return;
      }
      ClassNode bad = badType(type);
      if (bad != null) {
        report(
            type,
            at,
            "type '"
                + shortName(bad)
                + "' is not allowed for "
                + what
                + " in a .kexp file: use "
                + ALLOWED_TYPES_TEXT);
      }
    }

    void checkParameters(Parameter[] parameters, String what) {
      if (parameters == null) {
        return;
      }
      for (Parameter p : parameters) {
        checkAnnotations(p);
        checkDeclaredType(p, p.getOriginType(), p.isDynamicTyped(), what);
        if (p.hasInitialExpression()) {
          p.getInitialExpression().visit(this);
        }
      }
    }

    // --- statements --------------------------------------------------------------------------

    @Override
    public void visitBlockStatement(BlockStatement block) {
      for (Statement s : block.getStatements()) {
        s.visit(this);
      }
    }

    @Override
    public void visitForLoop(ForStatement forLoop) {
      if (forLoop.getCollectionExpression() instanceof ClosureListExpression) {
        report(forLoop, "classic 'for (;;)' loops are not allowed: " + LOOP_HINT);
        // still look inside the header and body for other violations
        for (Expression e :
            ((ClosureListExpression) forLoop.getCollectionExpression()).getExpressions()) {
          e.visit(this);
        }
        forLoop.getLoopBlock().visit(this);
        return;
      }
      if (forLoop.getIndexVariable() != null) {
        checkParameters(new Parameter[] {forLoop.getIndexVariable()}, "a loop variable");
      }
      Parameter v = forLoop.getVariable();
      if (v != null && v != ForStatement.FOR_LOOP_DUMMY) {
        checkParameters(new Parameter[] {v}, "a loop variable");
      }
      forLoop.getCollectionExpression().visit(this);
      forLoop.getLoopBlock().visit(this);
    }

    @Override
    public void visitWhileLoop(WhileStatement loop) {
      report(loop, "'while' loops are not allowed: " + LOOP_HINT);
      loop.getBooleanExpression().visit(this);
      loop.getLoopBlock().visit(this);
    }

    @Override
    public void visitDoWhileLoop(DoWhileStatement loop) {
      report(loop, "'do ... while' loops are not allowed: " + LOOP_HINT);
      loop.getBooleanExpression().visit(this);
      loop.getLoopBlock().visit(this);
    }

    @Override
    public void visitIfElse(IfStatement ifElse) {
      ifElse.getBooleanExpression().visit(this);
      ifElse.getIfBlock().visit(this);
      ifElse.getElseBlock().visit(this);
    }

    @Override
    public void visitExpressionStatement(ExpressionStatement statement) {
      statement.getExpression().visit(this);
    }

    @Override
    public void visitReturnStatement(ReturnStatement statement) {
      statement.getExpression().visit(this);
    }

    @Override
    public void visitAssertStatement(AssertStatement statement) {
      statement.getBooleanExpression().visit(this);
      statement.getMessageExpression().visit(this);
    }

    @Override
    public void visitTryCatchFinally(TryCatchStatement statement) {
      report(
          statement,
          "'try'/'catch' is not allowed in a .kexp file: a .kexp file only describes an"
              + " experiment, problems are reported by the checker");
      statement.getTryStatement().visit(this);
      for (CatchStatement c : statement.getCatchStatements()) {
        c.getCode().visit(this);
      }
      statement.getFinallyStatement().visit(this);
    }

    @Override
    public void visitCatchStatement(CatchStatement statement) {
      statement.getCode().visit(this);
    }

    @Override
    public void visitSwitch(SwitchStatement statement) {
      statement.getExpression().visit(this);
      for (CaseStatement c : statement.getCaseStatements()) {
        c.visit(this);
      }
      statement.getDefaultStatement().visit(this);
    }

    @Override
    public void visitCaseStatement(CaseStatement statement) {
      statement.getExpression().visit(this);
      statement.getCode().visit(this);
    }

    @Override
    public void visitBreakStatement(BreakStatement statement) {}

    @Override
    public void visitContinueStatement(ContinueStatement statement) {}

    @Override
    public void visitEmptyStatement(EmptyStatement statement) {}

    @Override
    public void visitThrowStatement(ThrowStatement statement) {
      report(
          statement,
          "'throw' is not allowed in a .kexp file: a .kexp file only describes an experiment,"
              + " problems are reported by the checker");
      statement.getExpression().visit(this);
    }

    @Override
    public void visitSynchronizedStatement(SynchronizedStatement statement) {
      report(
          statement,
          "'synchronized' is not allowed in a .kexp file: remove it, a .kexp file runs on one"
              + " thread");
      statement.getExpression().visit(this);
      statement.getCode().visit(this);
    }

    // --- calls -------------------------------------------------------------------------------

    private static boolean isThisOrSuper(Expression e) {
      return e instanceof VariableExpression v && (v.isThisExpression() || v.isSuperExpression());
    }

    private static boolean isHiddenName(String name) {
      return name.startsWith("$") || name.startsWith("__");
    }

    private void reportMethod(ASTNode at, ASTNode fallback, String name) {
      report(at, fallback, "method '" + name + "' is not allowed in a .kexp file");
    }

    @Override
    public void visitMethodCallExpression(MethodCallExpression call) {
      String name = call.getMethodAsString();
      Expression receiver = call.getObjectExpression();
      if (name == null) {
        report(
            call.getMethod(),
            call,
            "dynamic method names are not allowed in a .kexp file: write the method name"
                + " literally");
        call.getMethod().visit(this);
      }
      if (call.isImplicitThis()) {
        if (name != null && (FORBIDDEN_IMPLICIT_METHODS.contains(name) || isHiddenName(name))) {
          reportMethod(call.getMethod(), call, name);
        }
      } else if (receiver instanceof ClassExpression) {
        receiver.visit(this); // reports the class; the method name adds nothing
      } else if (isThisOrSuper(receiver)) {
        receiver.visit(this); // reports 'this'; calling a dsl keyword through it adds nothing
        if (name != null && (FORBIDDEN_IMPLICIT_METHODS.contains(name) || isHiddenName(name))) {
          reportMethod(call.getMethod(), call, name);
        }
      } else {
        if (name != null && !VALUE_METHODS.contains(name)) {
          reportMethod(call.getMethod(), call, name);
        } else if (name != null
            && (name.equals("getAt") || name.equals("putAt") || name.equals("get"))) {
          checkIndex(firstArgument(call.getArguments()));
        }
        receiver.visit(this);
      }
      call.getArguments().visit(this);
    }

    private static Expression firstArgument(Expression arguments) {
      if (arguments instanceof TupleExpression t && !t.getExpressions().isEmpty()) {
        return t.getExpression(0);
      }
      return null;
    }

    /** {@code x['class']} and {@code x.getAt('class')} read a property too. */
    private void checkIndex(Expression index) {
      if (index instanceof ConstantExpression c && c.getValue() instanceof String s) {
        if (FORBIDDEN_PROPERTIES.contains(s) || isHiddenName(s)) {
          report(index, "property '" + s + "' is not allowed in a .kexp file");
        }
      }
    }

    @Override
    public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
      if (!isGuard(call)) {
        reportMethod(call, call, call.getMethod());
      }
      call.getArguments().visit(this);
    }

    @Override
    public void visitConstructorCallExpression(ConstructorCallExpression call) {
      report(
          call,
          "'new' is not allowed: a .kexp file describes an experiment and cannot create objects");
      call.getArguments().visit(this);
    }

    @Override
    public void visitArrayExpression(ArrayExpression expression) {
      report(
          expression,
          "'new' is not allowed: a .kexp file describes an experiment and cannot create objects");
      visitListOfExpressions(expression.getExpressions());
      visitListOfExpressions(expression.getSizeExpression());
    }

    // --- properties and variables ------------------------------------------------------------

    @Override
    public void visitPropertyExpression(PropertyExpression expression) {
      Expression receiver = expression.getObjectExpression();
      if (receiver instanceof ClassExpression) {
        receiver.visit(this); // reports the class; the property name adds nothing
        return;
      }
      String name = expression.getPropertyAsString();
      if (name == null) {
        report(
            expression.getProperty(),
            expression,
            "dynamic property names are not allowed in a .kexp file: write the property name"
                + " literally");
        expression.getProperty().visit(this);
      } else if (FORBIDDEN_PROPERTIES.contains(name) || isHiddenName(name)) {
        report(
            expression.getProperty(),
            expression,
            "property '" + name + "' is not allowed in a .kexp file");
      }
      receiver.visit(this);
    }

    @Override
    public void visitAttributeExpression(AttributeExpression expression) {
      String name = expression.getPropertyAsString();
      report(
          expression,
          "attribute access '.@"
              + (name == null ? "..." : name)
              + "' is not allowed in a .kexp file: use x."
              + (name == null ? "name" : name));
      expression.getObjectExpression().visit(this);
    }

    @Override
    public void visitFieldExpression(FieldExpression expression) {
      report(expression, "field access is not allowed in a .kexp file");
    }

    @Override
    public void visitMethodPointerExpression(MethodPointerExpression expression) {
      String name = expression.getMethodName().getText();
      report(
          expression,
          "method pointer '.&"
              + name
              + "' is not allowed in a .kexp file: use a closure, e.g. { x -> value."
              + name
              + "(x) }");
      expression.getExpression().visit(this);
    }

    @Override
    public void visitMethodReferenceExpression(MethodReferenceExpression expression) {
      String name = expression.getMethodName().getText();
      report(
          expression,
          "method reference '::"
              + name
              + "' is not allowed in a .kexp file: use a closure, e.g. { x -> value."
              + name
              + "(x) }");
      expression.getExpression().visit(this);
    }

    @Override
    public void visitVariableExpression(VariableExpression expression) {
      if (expression.isThisExpression() || expression.isSuperExpression()) {
        report(
            expression,
            "'"
                + expression.getName()
                + "' is not allowed in a .kexp file: write the dsl keyword directly, e.g."
                + " cluster { } instead of this.cluster { }");
        return;
      }
      String name = expression.getName();
      boolean dynamic =
          expression.getAccessedVariable() == null
              || expression.getAccessedVariable() instanceof DynamicVariable;
      if (dynamic && (FORBIDDEN_PROPERTIES.contains(name) || isHiddenName(name))) {
        report(expression, "variable '" + name + "' is not allowed in a .kexp file");
      }
    }

    @Override
    public void visitClassExpression(ClassExpression expression) {
      report(
          expression,
          "class '" + shortName(expression.getType()) + "' cannot be used in a .kexp file");
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression expression) {
      checkAnnotations(expression);
      Expression left = expression.getLeftExpression();
      List<Expression> targets = new ArrayList<>();
      if (left instanceof TupleExpression t) {
        targets.addAll(t.getExpressions());
      } else {
        targets.add(left);
      }
      for (Expression target : targets) {
        if (target instanceof VariableExpression v) {
          checkDeclaredType(v, v.getOriginType(), v.isDynamicTyped(), "a variable");
        } else {
          target.visit(this);
        }
      }
      expression.getRightExpression().visit(this);
    }

    @Override
    public void visitCastExpression(CastExpression expression) {
      ClassNode bad = badType(expression.getType());
      if (bad != null) {
        report(
            expression.getType(),
            expression,
            (expression.isCoerce() ? "coercion 'as " : "cast to '")
                + shortName(bad)
                + "' is not allowed in a .kexp file: only "
                + ALLOWED_TYPES_TEXT
                + " are allowed");
      }
      expression.getExpression().visit(this);
    }

    // --- closures ----------------------------------------------------------------------------

    @Override
    public void visitClosureExpression(ClosureExpression expression) {
      checkParameters(expression.getParameters(), "a closure parameter");
      expression.getCode().visit(this);
    }

    @Override
    public void visitLambdaExpression(LambdaExpression expression) {
      visitClosureExpression(expression);
    }

    // --- plain values and operators ----------------------------------------------------------

    @Override
    public void visitBinaryExpression(BinaryExpression expression) {
      if (expression.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
        checkIndex(expression.getRightExpression());
      }
      expression.getLeftExpression().visit(this);
      expression.getRightExpression().visit(this);
    }

    @Override
    public void visitSpreadMapExpression(SpreadMapExpression expression) {
      report(
          expression,
          "spread map '*:' is not allowed in a .kexp file: write the entries out or add maps with"
              + " +");
      expression.getExpression().visit(this);
    }

    @Override
    public void visitClosureListExpression(ClosureListExpression expression) {
      report(expression, "classic 'for (;;)' loops are not allowed: " + LOOP_HINT);
      visitListOfExpressions(expression.getExpressions());
    }

    @Override
    public void visitBytecodeExpression(BytecodeExpression expression) {
      report(expression, "this construct is not allowed in a .kexp file");
    }

    // The remaining expressions are allowed; their children are checked.

    @Override
    public void visitConstantExpression(ConstantExpression expression) {}

    @Override
    public void visitEmptyExpression(EmptyExpression expression) {}

    @Override
    public void visitGStringExpression(GStringExpression expression) {
      visitListOfExpressions(expression.getValues());
    }

    @Override
    public void visitListExpression(ListExpression expression) {
      visitListOfExpressions(expression.getExpressions());
    }

    @Override
    public void visitMapExpression(MapExpression expression) {
      visitListOfExpressions(expression.getMapEntryExpressions());
    }

    @Override
    public void visitMapEntryExpression(MapEntryExpression expression) {
      expression.getKeyExpression().visit(this);
      expression.getValueExpression().visit(this);
    }

    @Override
    public void visitRangeExpression(RangeExpression expression) {
      expression.getFrom().visit(this);
      expression.getTo().visit(this);
    }

    @Override
    public void visitTupleExpression(TupleExpression expression) {
      visitListOfExpressions(expression.getExpressions());
    }

    @Override
    public void visitArgumentlistExpression(ArgumentListExpression expression) {
      visitListOfExpressions(expression.getExpressions());
    }

    @Override
    public void visitSpreadExpression(SpreadExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitTernaryExpression(TernaryExpression expression) {
      expression.getBooleanExpression().visit(this);
      expression.getTrueExpression().visit(this);
      expression.getFalseExpression().visit(this);
    }

    @Override
    public void visitShortTernaryExpression(ElvisOperatorExpression expression) {
      visitTernaryExpression(expression);
    }

    @Override
    public void visitPrefixExpression(PrefixExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitPostfixExpression(PostfixExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitBooleanExpression(BooleanExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitNotExpression(NotExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitUnaryMinusExpression(UnaryMinusExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitUnaryPlusExpression(UnaryPlusExpression expression) {
      expression.getExpression().visit(this);
    }

    @Override
    public void visitBitwiseNegationExpression(BitwiseNegationExpression expression) {
      expression.getExpression().visit(this);
    }
  }
}
