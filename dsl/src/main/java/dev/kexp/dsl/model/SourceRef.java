package dev.kexp.dsl.model;

/** Where in a .kexp file a model element was written, so late errors still point into the file. */
public record SourceRef(String file, int line, int column) {
  public static final SourceRef NONE = new SourceRef("<none>", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
