package dev.kexp.runtime.cli;

import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.vocabulary.Block;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which block of the language a position in typed text stands in, for completion: {@code
 * experiment 'x' { phases { ra} is in {@code phases}. Braces open the block of the statement's first
 * word ({@code cluster {}, {@code cell('PV') {}); any other brace ({@code each { }}) stays in the
 * block it is in. Strings and comments are skipped.
 */
final class ReplBlocks {
  private ReplBlocks() {}

  static Block at(String text) {
    Deque<Block> blocks = new ArrayDeque<>();
    blocks.push(Block.PROMPT);
    String first = null; // the first word of the current statement
    StringBuilder word = new StringBuilder();
    int n = text.length();
    for (int i = 0; i < n; i++) { // bounded by the text
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        i = end < 0 ? n : end;
        if (first == null) first = "";
        continue;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end - 1;
        continue;
      }
      if (Character.isJavaIdentifierPart(c)) {
        word.append(c);
        continue;
      }
      if (word.length() > 0 && first == null) first = word.toString();
      word.setLength(0);
      if (c == '{') {
        Block here = blocks.peek();
        blocks.push(first == null ? here : Keywords.child(here, first).orElse(here));
        first = null;
      } else if (c == '}') {
        if (blocks.size() > 1) blocks.pop();
        first = null;
      } else if (c == '\n' || c == ';') {
        first = null;
      }
    }
    return blocks.peek();
  }
}
