package dev.kexp.dsl.model;

/** Where load goes: the workload's own endpoint or a URL. */
public sealed interface Target {
  /** {@code target workload}. */
  record OfWorkload() implements Target {
    @Override
    public String toString() {
      return "workload";
    }
  }

  /** {@code target 'http://...'}. */
  record Url(String url) implements Target {
    @Override
    public String toString() {
      return url;
    }
  }
}
