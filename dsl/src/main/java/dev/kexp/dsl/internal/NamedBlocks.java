package dev.kexp.dsl.internal;

import java.util.List;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Groovy reads {@code experiment 'name' { ... }} as {@code experiment('name'({ ... }))}: a call of
 * a method named after the experiment. This rewrites it, before anything else looks at the file, to
 * {@code experiment('name', { ... })}, so that the name may also be an interpolated string.
 */
public final class NamedBlocks extends CompilationCustomizer {
  public NamedBlocks() {
    super(CompilePhase.CONVERSION);
  }

  @Override
  public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
    if (!classNode.isScript() || source.getAST() == null) return;
    rewrite(source.getAST().getStatementBlock().getStatements());
  }

  private static void rewrite(List<Statement> statements) {
    for (Statement s : statements) {
      if (!(s instanceof ExpressionStatement es)
          || !(es.getExpression() instanceof MethodCallExpression call)
          || !call.isImplicitThis()
          || !"experiment".equals(call.getMethodAsString())
          || !(call.getArguments() instanceof TupleExpression args)
          || args.getExpressions().size() != 1
          || !(args.getExpression(0) instanceof MethodCallExpression named)
          || !named.isImplicitThis()
          || !(named.getArguments() instanceof TupleExpression inner)
          || inner.getExpressions().size() != 1
          || !(inner.getExpression(0) instanceof ClosureExpression body)) {
        continue;
      }
      Expression name = named.getMethod();
      ArgumentListExpression rewritten = new ArgumentListExpression(name, body);
      rewritten.setSourcePosition(args);
      call.setArguments(rewritten);
    }
  }
}
