package dev.kexp.dsl.internal;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.SourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of evaluating one .kexp file: where words stand (from the static check) and the
 * problems found so far. The delegates record problems here instead of throwing, so that one run
 * reports them all.
 */
public final class Evaluation {
  private final String displayName;
  private final String unitName;
  private final KeywordCheck index;
  private final List<Problem> problems = new ArrayList<>();

  public Evaluation(String displayName, String unitName, KeywordCheck index) {
    this.displayName = displayName;
    this.unitName = unitName;
    this.index = index;
  }

  public String displayName() {
    return displayName;
  }

  public List<Problem> problems() {
    return problems;
  }

  /**
   * Where {@code word} is being evaluated: the line from the call stack, the column from the index.
   */
  public SourceRef here(String word) {
    int line = currentLine();
    return new SourceRef(displayName, Math.max(line, 1), line > 0 ? index.column(line, word) : 1);
  }

  /** The line of the innermost frame of the script being evaluated, or 0. */
  public int currentLine() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> unitName.equals(f.getFileName()) && f.getLineNumber() > 0)
                    .findFirst()
                    .map(StackWalker.StackFrame::getLineNumber)
                    .orElse(0));
  }

  public void error(SourceRef at, String message) {
    problems.add(Problem.error(at, message));
  }

  public void warning(SourceRef at, String message) {
    problems.add(Problem.warning(at, message));
  }
}
