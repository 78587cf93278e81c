package dev.kexp.dsl.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the brace that makes a file unbalanced. Groovy's parser reports an unclosed block far from
 * where it was opened (often at the experiment's first line), so kexp looks for the opening brace
 * whose closing brace is indented differently from it: that is almost always the one left open.
 */
public final class Braces {
  private Braces() {}

  /** A brace at a 1-based line and column, and whether it is an unclosed '{' or a stray '}'. */
  public record Unbalanced(int line, int column, boolean unclosed) {}

  public static Optional<Unbalanced> find(String text) {
    String[] lines = text.split("\n", -1);
    Deque<int[]> open = new ArrayDeque<>();
    Unbalanced suspect = null;
    boolean inBlockComment = false;
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      char quote = 0;
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (inBlockComment) {
          if (ch == '*' && c + 1 < line.length() && line.charAt(c + 1) == '/') {
            inBlockComment = false;
            c++;
          }
          continue;
        }
        if (quote != 0) {
          if (ch == '\\') c++;
          else if (ch == quote) quote = 0;
          continue;
        }
        if (ch == '/' && c + 1 < line.length() && line.charAt(c + 1) == '/') break;
        if (ch == '/' && c + 1 < line.length() && line.charAt(c + 1) == '*') {
          inBlockComment = true;
          c++;
        } else if (ch == '\'' || ch == '"') {
          quote = ch;
        } else if (ch == '{') {
          open.push(new int[] {l, c});
        } else if (ch == '}') {
          if (open.isEmpty()) return Optional.of(new Unbalanced(l + 1, c + 1, false));
          int[] o = open.pop();
          boolean closesItsLine = line.substring(0, c).isBlank();
          if (suspect == null
              && closesItsLine
              && o[0] != l
              && indent(lines[o[0]]) != indent(line)) {
            suspect = new Unbalanced(o[0] + 1, o[1] + 1, true);
          }
        }
      }
    }
    if (open.isEmpty()) return Optional.empty();
    if (suspect != null) return Optional.of(suspect);
    int[] o = open.peek();
    return Optional.of(new Unbalanced(o[0] + 1, o[1] + 1, true));
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
    return i;
  }
}
