package dev.kexp.dsl.sandbox;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.syntax.Types;

/** The run-time guard for computed subscript keys, installed into the checked AST. */
final class SubscriptGuard {
  private SubscriptGuard() {}

  private static final String GUARD = SubscriptGuard.class.getName() + ".guard";

  /**
   * Wraps every non-constant subscript key ({@code x[k]}, {@code x.getAt(k)}, {@code x.putAt(k,
   * v)}, {@code x.get(k)}) of the script body in {@link SafeIndex#key}, since on an arbitrary
   * object they read the property named by {@code k}.
   */
  static void install(ModuleNode module) {
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

  static boolean isGuard(Expression e) {
    return e instanceof StaticMethodCallExpression && Boolean.TRUE.equals(e.getNodeMetaData(GUARD));
  }

  static Statement scriptBody(ModuleNode module) {
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
}
