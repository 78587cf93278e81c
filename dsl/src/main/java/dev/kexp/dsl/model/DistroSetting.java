package dev.kexp.dsl.model;

/** {@code distro k3s, version: '1.27.2'}: a stdlib distribution word and the exact version. */
public record DistroSetting(String word, String version, SourceRef at) {
  @Override
  public String toString() {
    return word + " " + version;
  }
}
