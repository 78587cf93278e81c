package dev.kexp.runtime.control;

/** Quoting for POSIX shells. */
public final class Shell {
  private Shell() {}

  /** {@code s} as one single-quoted word: {@code it's} becomes {@code 'it'\''s'}. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
