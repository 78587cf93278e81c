package dev.kexp.dsl.model;

/** {@code cni calico, version: '3.16'}; defaults to the distribution's own. */
public record CniSetting(String word, String version, SourceRef at) {
  @Override
  public String toString() {
    return word + " " + version;
  }
}
