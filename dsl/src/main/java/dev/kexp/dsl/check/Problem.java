package dev.kexp.dsl.check;

import dev.kexp.dsl.model.SourceRef;

/**
 * One thing wrong (or unusual) in a .kexp file, printed as {@code file:line:col: message}. Problems
 * are collected, never thrown, so a file's every problem is reported at once.
 */
public record Problem(Severity severity, SourceRef at, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(SourceRef at, String message) {
    return new Problem(Severity.ERROR, at, message);
  }

  public static Problem warning(SourceRef at, String message) {
    return new Problem(Severity.WARNING, at, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return at + ": " + (isError() ? "" : "warning: ") + message;
  }
}
