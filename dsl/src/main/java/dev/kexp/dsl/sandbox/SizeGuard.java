package dev.kexp.dsl.sandbox;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ExpressionTransformer;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.syntax.Types;

/**
 * Routes the calls that allocate their result in one go ({@code a * b}, {@code a.multiply(b)},
 * {@code s.padLeft(n)}) through {@link SafeSize}, which refuses a result larger than the rest of
 * the evaluation's {@link MemoryBudget}.
 */
final class SizeGuard {
  private SizeGuard() {}

  static void install(ModuleNode module) {
    Statement body = SubscriptGuard.scriptBody(module);
    if (body == null) return;
    body.visit(new Rewriter());
  }

  private static final class Rewriter extends CodeVisitorSupport implements ExpressionTransformer {
    @Override
    public Expression transform(Expression e) {
      if (e == null) return null;
      Expression inner = e.transformExpression(this);
      if (inner instanceof BinaryExpression b && b.getOperation().getType() == Types.MULTIPLY) {
        return call(
            "multiply",
            new ArgumentListExpression(b.getLeftExpression(), b.getRightExpression()),
            b);
      }
      if (inner instanceof MethodCallExpression m
          && !m.isImplicitThis()
          && m.getMethodAsString() != null
          && m.getArguments() instanceof TupleExpression args) {
        String name = m.getMethodAsString();
        if ("multiply".equals(name) && args.getExpressions().size() == 1) {
          return call(
              "multiply",
              new ArgumentListExpression(m.getObjectExpression(), args.getExpression(0)),
              m);
        }
        if (SafeSize.isPad(name)) {
          ArrayExpression array =
              new ArrayExpression(ClassHelper.OBJECT_TYPE, args.getExpressions());
          return call(
              "pad",
              new ArgumentListExpression(
                  m.getObjectExpression(), new ConstantExpression(name), array),
              m);
        }
      }
      return inner;
    }

    private static Expression call(String method, ArgumentListExpression args, Expression at) {
      StaticMethodCallExpression call =
          new StaticMethodCallExpression(ClassHelper.make(SafeSize.class), method, args);
      call.setSourcePosition(at);
      return call;
    }

    @Override
    public void visitExpressionStatement(org.codehaus.groovy.ast.stmt.ExpressionStatement s) {
      s.setExpression(transform(s.getExpression()));
      s.getExpression().visit(this); // into closures, whose statements this transforms in turn
    }

    @Override
    public void visitReturnStatement(org.codehaus.groovy.ast.stmt.ReturnStatement s) {
      s.setExpression(transform(s.getExpression()));
      s.getExpression().visit(this);
    }
  }
}
