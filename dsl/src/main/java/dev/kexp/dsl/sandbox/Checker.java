package dev.kexp.dsl.sandbox;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.SourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
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
import org.codehaus.groovy.syntax.Types;

/**
 * The CANONICALIZATION-phase visitor of the sandbox: walks the script body, the {@code run()}
 * method and every closure in it, and reports every construct outside the whitelist of {@link
 * Policy}, never just the first.
 */
final class Checker extends CodeVisitorSupport {
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
    for (ImportNode i : AnnotationGuard.allImports(module)) {
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
    Statement body = SubscriptGuard.scriptBody(module);
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
        report(a, AnnotationGuard.annotationMessage(a));
      }
    }
  }

  // --- types -------------------------------------------------------------------------------

  /** The disallowed type named in {@code type} (itself or a generic argument), or null. */
  private static ClassNode badType(ClassNode type) {
    if (type == null) {
      return null;
    }
    if (!Policy.ALLOWED_TYPES.containsKey(type.getName())) {
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
              + Policy.ALLOWED_TYPES_TEXT);
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
      report(forLoop, "classic 'for (;;)' loops are not allowed: " + Policy.LOOP_HINT);
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
    report(loop, "'while' loops are not allowed: " + Policy.LOOP_HINT);
    loop.getBooleanExpression().visit(this);
    loop.getLoopBlock().visit(this);
  }

  @Override
  public void visitDoWhileLoop(DoWhileStatement loop) {
    report(loop, "'do ... while' loops are not allowed: " + Policy.LOOP_HINT);
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
      if (name != null
          && (Policy.FORBIDDEN_IMPLICIT_METHODS.contains(name) || isHiddenName(name))) {
        reportMethod(call.getMethod(), call, name);
      }
    } else if (receiver instanceof ClassExpression) {
      receiver.visit(this); // reports the class; the method name adds nothing
    } else if (isThisOrSuper(receiver)) {
      receiver.visit(this); // reports 'this'; calling a dsl keyword through it adds nothing
      if (name != null
          && (Policy.FORBIDDEN_IMPLICIT_METHODS.contains(name) || isHiddenName(name))) {
        reportMethod(call.getMethod(), call, name);
      }
    } else {
      if (name != null && !Policy.VALUE_METHODS.contains(name)) {
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
      if (Policy.FORBIDDEN_PROPERTIES.contains(s) || isHiddenName(s)) {
        report(index, "property '" + s + "' is not allowed in a .kexp file");
      }
    }
  }

  @Override
  public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
    if (!SubscriptGuard.isGuard(call)) {
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
    } else if (Policy.FORBIDDEN_PROPERTIES.contains(name) || isHiddenName(name)) {
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
    if (dynamic && (Policy.FORBIDDEN_PROPERTIES.contains(name) || isHiddenName(name))) {
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
              + Policy.ALLOWED_TYPES_TEXT
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
    report(expression, "classic 'for (;;)' loops are not allowed: " + Policy.LOOP_HINT);
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

  static List<Problem> sortAndDistinct(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
    sorted.sort(
        Comparator.comparingInt((Problem p) -> p.at().line())
            .thenComparingInt(p -> p.at().column()));
    return sorted;
  }
}
