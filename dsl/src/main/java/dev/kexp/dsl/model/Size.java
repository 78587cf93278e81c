package dev.kexp.dsl.model;

/** A size in bytes, written {@code 512.mb} in a .kexp file. */
public record Size(long bytes) {
  @Override
  public String toString() {
    if (bytes % (1L << 30) == 0 && bytes != 0) return bytes / (1L << 30) + "gb";
    if (bytes % (1L << 20) == 0 && bytes != 0) return bytes / (1L << 20) + "mb";
    if (bytes % (1L << 10) == 0 && bytes != 0) return bytes / (1L << 10) + "kb";
    return bytes + "b";
  }
}
