package dev.kexp.stdlib;

import java.time.Duration;
import java.util.Objects;

/**
 * One shell command a node runs, as plain data: {@code kexp plan} prints it and {@code kexp run}
 * sends the very same line.
 *
 * <p>A line may name a value an earlier command captured, written {@code {{name}}} (for example the
 * join token a worker uses). The runtime substitutes it when the command runs and redacts the value
 * in every log, so the plan shows the placeholder and no log shows the secret.
 *
 * @param line what a POSIX shell runs
 * @param root whether it runs as root (through {@code sudo})
 * @param timeout how long it may take before it is killed on the node
 * @param capture the name under which the first match of {@code pattern} in its output is kept, or
 *     null
 * @param pattern a regular expression whose group 1 is the captured value, or null
 * @param secret whether the captured value is a secret (redacted wherever it would be printed)
 */
public record Cmd(
    String line, boolean root, Duration timeout, String capture, String pattern, boolean secret) {
  /** Long enough for a package download on a slow mirror; a hung command still ends. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public Cmd {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(timeout, "timeout");
    if ((capture == null) != (pattern == null)) {
      throw new IllegalArgumentException("capture and pattern go together");
    }
  }

  /** A command run as the login user. */
  public static Cmd user(String line) {
    return new Cmd(line, false, DEFAULT_TIMEOUT, null, null, false);
  }

  /** A command run as root. */
  public static Cmd root(String line) {
    return new Cmd(line, true, DEFAULT_TIMEOUT, null, null, false);
  }

  public Cmd within(Duration t) {
    return new Cmd(line, root, t, capture, pattern, secret);
  }

  /** Keeps group 1 of the first line matching {@code regex} as a secret named {@code name}. */
  public Cmd capturesSecret(String name, String regex) {
    return new Cmd(line, root, timeout, name, regex, true);
  }

  /** The placeholder a later command writes to use a captured value. */
  public static String ref(String name) {
    return "{{" + name + "}}";
  }

  /**
   * The line as {@code kexp plan} prints it, after a shell prompt: {@code #} as root, {@code $} as
   * the login user (the whole line runs as root, redirections included, so "sudo" before it would
   * mislead).
   */
  @Override
  public String toString() {
    String s = (root ? "# " : "$ ") + line;
    return capture == null ? s : s + "   => " + ref(capture);
  }
}
