package dev.kexp.dsl.vocabulary;

import java.util.Optional;

/**
 * One keyword of one block: how it is written, the block it opens, the word that must follow it in
 * a command chain ({@code ramp 0..100 over 30.s}), one example that error messages, the REPL and
 * the editor files all quote, and a line of documentation.
 *
 * @param opens the block its closure argument is, or null
 * @param chain the word that must follow its arguments, or null
 */
public record Keyword(
    Block block, String word, Form form, Block opens, String chain, String example, String doc) {

  public Optional<Block> child() {
    return Optional.ofNullable(opens);
  }

  public Optional<String> chainWord() {
    return Optional.ofNullable(chain);
  }
}
