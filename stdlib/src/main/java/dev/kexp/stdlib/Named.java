package dev.kexp.stdlib;

/** Something an experiment names by a bare DSL word, such as {@code k3s} or {@code docker}. */
public interface Named {
  /** The DSL word, lower-case, a valid Groovy identifier. */
  String word();

  /** One line for `kexp plan` and error messages. */
  String description();
}
