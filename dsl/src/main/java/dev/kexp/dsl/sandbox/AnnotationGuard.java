package dev.kexp.dsl.sandbox;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.SourceRef;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * The CONVERSION-phase guard: records every annotation written in the file and removes it before
 * semantic analysis collects AST transforms, so that transforms which run code at compile time
 * ({@code @ASTTest}) never see them. The checker reports them with everything else.
 */
final class AnnotationGuard {
  private AnnotationGuard() {}

  static final String EARLY_PROBLEMS = SafeSubset.class.getName() + ".early";

  static CompilationCustomizer customizer() {
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

  static List<ImportNode> allImports(ModuleNode module) {
    List<ImportNode> imports = new ArrayList<>();
    imports.addAll(module.getImports());
    imports.addAll(module.getStarImports());
    imports.addAll(module.getStaticImports().values());
    imports.addAll(module.getStaticStarImports().values());
    return imports;
  }
}
