package dev.kexp.dsl.vocabulary;

/** A block of the language, named as users write it. */
public enum Block {
  TOP("the top level"),
  /** The REPL's prompt: the top level plus probes, and plain Groovy values. */
  PROMPT("the prompt"),
  EXPERIMENT("experiment"),
  CLUSTER("cluster"),
  OPENFAAS("openfaas"),
  LOAD("load"),
  METRICS("metrics"),
  PHASES("phases"),
  MATRIX("matrix"),
  CELL("cell"),
  THRESHOLDS("thresholds");

  private final String title;

  Block(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
