package dev.kexp.dsl.internal;

import dev.kexp.dsl.check.Messages;
import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.units.Units;
import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.dsl.vocabulary.Vocabulary;
import dev.kexp.stdlib.Stdlib;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * The static check of a .kexp file: before any of it runs, every implicit call and bare word is
 * checked against the keywords of the block it stands in, so that every misspelling is reported at
 * once, with line, column and a did-you-mean. It also records where each word stands, so that the
 * delegates can give late errors a column.
 */
public final class KeywordCheck extends CompilationCustomizer {
  private final String displayName;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<Integer, Map<String, Integer>> columns = new HashMap<>();

  private final Block start;
  private final Set<String> known;

  public KeywordCheck(String displayName) {
    this(displayName, Block.TOP, Set.of());
  }

  /**
   * @param start the block the text stands in: the top level of a file, or the REPL's prompt
   * @param known names defined before this text (the REPL's earlier lines)
   */
  public KeywordCheck(String displayName, Block start, Set<String> known) {
    super(CompilePhase.CANONICALIZATION);
    this.displayName = displayName;
    this.start = start;
    this.known = known; // the REPL adds the names an entry defines while it is compiled
  }

  public List<Problem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Column of the first occurrence of {@code word} on {@code line}, or 1. */
  public int column(int line, String word) {
    Map<String, Integer> onLine = columns.get(line);
    if (onLine == null) return 1;
    Integer col = onLine.get(word);
    if (col != null) return col;
    return onLine.values().stream().min(Integer::compare).orElse(1);
  }

  @Override
  public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
    if (!classNode.isScript()) return;
    MethodNode run = classNode.getMethod("run", Parameter.EMPTY_ARRAY);
    if (run == null || run.getCode() == null) return;
    Set<String> declared = new HashSet<>(List.of("this", "super", "it"));
    declared.addAll(known);
    run.getCode().visit(new DeclaredNames(declared));
    run.getCode().visit(new Walker(declared));
  }

  private void error(ASTNode at, String message) {
    problems.add(Problem.error(ref(at), message));
  }

  private SourceRef ref(ASTNode at) {
    return new SourceRef(
        displayName, Math.max(at.getLineNumber(), 1), Math.max(at.getColumnNumber(), 1));
  }

  private void index(String word, ASTNode at) {
    if (at.getLineNumber() > 0) {
      columns
          .computeIfAbsent(at.getLineNumber(), l -> new HashMap<>())
          .putIfAbsent(word, at.getColumnNumber());
    }
  }

  /** Names the file declares itself: variables, closure parameters, loop variables. */
  private static final class DeclaredNames extends CodeVisitorSupport {
    private final Set<String> names;

    DeclaredNames(Set<String> names) {
      this.names = names;
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression e) {
      if (e.isMultipleAssignmentDeclaration()) {
        for (Expression v : e.getTupleExpression().getExpressions()) {
          if (v instanceof VariableExpression ve) names.add(ve.getName());
        }
      } else {
        names.add(e.getVariableExpression().getName());
      }
      super.visitDeclarationExpression(e);
    }

    @Override
    public void visitClosureExpression(ClosureExpression e) {
      if (e.getParameters() != null) {
        for (Parameter p : e.getParameters()) names.add(p.getName());
      }
      super.visitClosureExpression(e);
    }

    @Override
    public void visitForLoop(ForStatement s) {
      names.add(s.getVariable().getName());
      super.visitForLoop(s);
    }
  }

  private final class Walker extends CodeVisitorSupport {
    private final Set<String> declared;
    private final Deque<Block> blocks = new ArrayDeque<>(List.of(start));
    private final Map<Expression, Boolean> checked = new IdentityHashMap<>();

    Walker(Set<String> declared) {
      this.declared = declared;
    }

    private Block block() {
      return blocks.peek();
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression e) {
      e.getRightExpression().visit(this);
    }

    @Override
    public void visitMethodCallExpression(MethodCallExpression call) {
      keywordWins(call);
      String name = call.getMethodAsString();
      if (!call.isImplicitThis() || name == null) {
        checkChain(call);
        super.visitMethodCallExpression(call);
        return;
      }
      ASTNode at = call.getMethod().getLineNumber() > 0 ? call.getMethod() : call;
      index(name, at);
      Block here = block();
      if (declared.contains(name)) {
        call.getArguments().visit(this);
        return;
      }
      if ((here == Block.TOP || here == Block.PROMPT) && name.equals("experiment")) {
        visitExperimentArguments(call);
        return;
      }
      if (!Keywords.calls(here).contains(name)) {
        error(at, unknownKeyword(name, here));
      } else {
        checkValues(name, call.getArguments());
      }
      Optional<Block> child = Keywords.child(here, name);
      for (Expression arg : arguments(call)) {
        if (arg instanceof ClosureExpression closure && child.isPresent()) {
          inBlock(child.get(), closure);
        } else {
          arg.visit(this);
        }
      }
    }

    /**
     * {@code def nodes = [...]} and then {@code metrics { nodes every: 5.s }}: Groovy reads the
     * call as {@code nodes.call(every: 5.s)} on the variable. Inside a block where the word is a
     * keyword, the keyword wins: the call is made implicit again, so the block's delegate gets it.
     */
    private void keywordWins(MethodCallExpression call) {
      if (call.isImplicitThis()
          || !"call".equals(call.getMethodAsString())
          || !(call.getObjectExpression() instanceof VariableExpression v)
          || v.isThisExpression()
          || v.isSuperExpression()
          || !Keywords.calls(block()).contains(v.getName())) return;
      // Groovy's rewrite gives the variable the position of the word it replaced; an explicit
      // nodes.call(...) has the variable before the method name.
      if (v.getLineNumber() != call.getMethod().getLineNumber()
          || v.getColumnNumber() != call.getMethod().getColumnNumber()) return;
      ConstantExpression word = new ConstantExpression(v.getName());
      word.setSourcePosition(v);
      call.setObjectExpression(VariableExpression.THIS_EXPRESSION);
      call.setMethod(word);
      call.setImplicitThis(true);
    }

    /**
     * {@code def install = true} and then {@code phases { install }}: the statement would read the
     * variable and do nothing. Inside a block where the word is a bare keyword, the keyword wins.
     */
    @Override
    public void visitExpressionStatement(ExpressionStatement statement) {
      if (statement.getExpression() instanceof VariableExpression v
          && !v.isThisExpression()
          && !v.isSuperExpression()
          && v.getAccessedVariable() != null
          && !(v.getAccessedVariable() instanceof DynamicVariable)
          && Keywords.bare(block()).contains(v.getName())) {
        ConstantExpression word = new ConstantExpression(v.getName());
        word.setSourcePosition(v);
        MethodCallExpression call =
            new MethodCallExpression(
                VariableExpression.THIS_EXPRESSION, word, ArgumentListExpression.EMPTY_ARGUMENTS);
        call.setImplicitThis(true);
        call.setSourcePosition(v);
        statement.setExpression(call);
      }
      // {@code phases { workers }}: a word that only names an option's value does nothing alone.
      if (statement.getExpression() instanceof VariableExpression v
          && !declared.contains(v.getName())
          && Keywords.argumentWords(block()).contains(v.getName())) {
        index(v.getName(), v);
        error(
            v,
            "'"
                + v.getName()
                + "' is a value of an option here, not a phase (e.g. iozone file: 512.mb, on: workers)");
        return;
      }
      super.visitExpressionStatement(statement);
    }

    /** {@code experiment 'name' { ... }}, as {@link NamedBlocks} rewrote it. */
    private void visitExperimentArguments(MethodCallExpression call) {
      for (Expression arg : arguments(call)) {
        if (arg instanceof ClosureExpression closure) inBlock(Block.EXPERIMENT, closure);
        else arg.visit(this);
      }
    }

    private void inBlock(Block b, ClosureExpression closure) {
      blocks.push(b);
      try {
        closure.getCode().visit(this);
      } finally {
        blocks.pop();
      }
    }

    /** {@code ramp 0..10 ovr 5.s}: the chained word after a load phase. */
    private void checkChain(MethodCallExpression call) {
      if (!(call.getObjectExpression() instanceof MethodCallExpression inner)
          || !inner.isImplicitThis()
          || inner.getMethodAsString() == null) return;
      Optional<String> expected = Keywords.chainAfter(inner.getMethodAsString());
      String word = call.getMethodAsString();
      if (expected.isEmpty() || word == null) return;
      ASTNode at = call.getMethod().getLineNumber() > 0 ? call.getMethod() : call;
      index(word, at);
      if (!expected.get().equals(word)) {
        String example = Vocabulary.example(inner.getMethodAsString());
        error(
            at,
            "unknown word '"
                + word
                + "' after "
                + inner.getMethodAsString()
                + Suggest.didYouMean(word, List.of(expected.get()))
                + " (write "
                + example
                + ")");
      }
    }

    @Override
    public void visitVariableExpression(VariableExpression v) {
      String name = v.getName();
      if (declared.contains(name) || checked.containsKey(v)) return;
      index(name, v);
      Block here = block();
      if (Keywords.bare(here).contains(name) || Keywords.values().contains(name)) return;
      if (Keywords.argumentWords(here).contains(name)) return;
      if (Keywords.calls(here).contains(name)) {
        error(v, "'" + name + "' needs a value here, e.g. " + example(name));
        return;
      }
      Set<String> known = new LinkedHashSet<>(Keywords.bare(here));
      known.addAll(Keywords.values());
      known.addAll(Keywords.argumentWords(here));
      known.addAll(declared);
      known.removeAll(List.of("this", "super", "it"));
      String hint = Suggest.didYouMean(name, known);
      if (hint.isEmpty() && Keywords.home(name).isPresent()) {
        hint = "; '" + name + "' belongs in " + Keywords.home(name).get().title() + " { }";
      }
      error(v, "unknown word '" + name + "' in " + here.title() + hint);
    }

    /** {@code idle -1.min} is read by Groovy as {@code idle - 1.min}. */
    @Override
    public void visitBinaryExpression(BinaryExpression b) {
      if (b.getOperation().getText().equals("-")
          && b.getLeftExpression() instanceof VariableExpression v
          && !declared.contains(v.getName())
          && Keywords.calls(block()).contains(v.getName())
          && !Keywords.bare(block()).contains(v.getName())) {
        index(v.getName(), v);
        error(
            v,
            "'"
                + v.getName()
                + " -...' is read as a subtraction, and "
                + v.getName()
                + " cannot take a negative value anyway; e.g. "
                + example(v.getName()));
        b.getRightExpression().visit(this);
        return;
      }
      super.visitBinaryExpression(b);
    }

    @Override
    public void visitPropertyExpression(PropertyExpression p) {
      if (p.getObjectExpression() instanceof ConstantExpression c
          && c.getValue() instanceof Number
          && p.getPropertyAsString() != null
          && !Units.WORDS.contains(p.getPropertyAsString())) {
        String unit = p.getPropertyAsString();
        error(
            p.getProperty().getLineNumber() > 0 ? p.getProperty() : p,
            Messages.unknown("unit", unit, Units.WORDS));
      }
      super.visitPropertyExpression(p);
    }

    /** Value positions: {@code distro k3}, {@code mode: PVV}, {@code matrix distros: [...]}. */
    private void checkValues(String keyword, Expression args) {
      List<Expression> list = arguments(args);
      Optional<List<String>> kinds = Keywords.valuesFor(keyword);
      if (kinds.isPresent()) {
        for (Expression arg : list) {
          if (!(arg instanceof MapExpression)) {
            checkValue(keyword, arg);
            break;
          }
        }
      }
      for (Expression arg : list) {
        if (!(arg instanceof MapExpression map)) continue;
        for (MapEntryExpression entry : map.getMapEntryExpressions()) {
          if (!(entry.getKeyExpression() instanceof ConstantExpression key)) continue;
          String k = String.valueOf(key.getValue());
          if (keyword.equals("matrix")) {
            if (!Keywords.MATRIX_SETTINGS.contains(k)) {
              error(key, Messages.notASetting(k, Keywords.MATRIX_SETTINGS));
            } else if (entry.getValueExpression() instanceof ListExpression values) {
              values.getExpressions().forEach(v -> checkValue(k, v));
            }
          } else if (k.equals("mode")) {
            checkValue("mode", entry.getValueExpression());
          }
        }
      }
    }

    private void checkValue(String setting, Expression value) {
      if (!(value instanceof VariableExpression v) || declared.contains(v.getName())) return;
      checked.put(v, true);
      index(v.getName(), v);
      List<String> allowed = Keywords.valuesFor(setting).orElse(List.of());
      String word = v.getName();
      if (allowed.contains(word)) return;
      error(
          v,
          Messages.unknownOrWrongKind(
              Keywords.kindOf(setting), word, allowed, Stdlib.get().kindOf(word)));
    }

    private String unknownKeyword(String name, Block here) {
      String hint = Suggest.didYouMean(name, Keywords.calls(here));
      if (hint.isEmpty()) {
        Optional<Block> home = Keywords.home(name);
        if (home.isPresent()) {
          return "'" + name + "' belongs in " + home.get().title() + " { }, not in " + here.title();
        }
      }
      return "unknown keyword '" + name + "' in " + here.title() + hint;
    }
  }

  private static List<Expression> arguments(MethodCallExpression call) {
    return arguments(call.getArguments());
  }

  private static List<Expression> arguments(Expression args) {
    if (args instanceof TupleExpression t) return t.getExpressions();
    if (args instanceof ArgumentListExpression a) return a.getExpressions();
    return List.of(args);
  }

  static String example(String keyword) {
    return Vocabulary.example(keyword);
  }
}
