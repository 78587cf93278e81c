package dev.kexp.dsl.model;

import java.util.Objects;

/**
 * A password, passphrase or token. Its value is never printed: {@link #toString()} and every
 * serialisation of the model show only where it comes from.
 */
public final class Secret {
  private final String value;
  private final String source;

  private Secret(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /** A secret written into the file itself. */
  public static Secret literal(String value) {
    return new Secret(Objects.requireNonNull(value), "<redacted>");
  }

  /** A secret read from an environment variable when the run needs it, not before. */
  public static Secret fromEnv(String variable) {
    return new Secret(null, "env:" + variable);
  }

  /** The value, for the one place that must use it (an SSH login, an HTTP header). */
  public String reveal() {
    if (value != null) return value;
    String variable = source.substring("env:".length());
    String fromEnv = System.getenv(variable);
    if (fromEnv == null) {
      throw new IllegalStateException("environment variable " + variable + " is not set");
    }
    return fromEnv;
  }

  @Override
  public String toString() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Objects.equals(value, s.value) && source.equals(s.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, source);
  }
}
