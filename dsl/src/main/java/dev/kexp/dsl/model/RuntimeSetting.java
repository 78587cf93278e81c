package dev.kexp.dsl.model;

/** {@code runtime containerd}: a stdlib container-runtime word. */
public record RuntimeSetting(String word, SourceRef at) {
  @Override
  public String toString() {
    return word;
  }
}
