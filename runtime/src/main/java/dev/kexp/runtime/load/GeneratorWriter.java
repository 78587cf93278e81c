package dev.kexp.runtime.load;

import dev.kexp.runtime.results.GeneratorFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each loader's seconds to {@code generator.csv} (see {@link GeneratorFile}), flushed as
 * they come, and counts the generator-bound ones.
 */
public final class GeneratorWriter implements AutoCloseable {
  private final BufferedWriter csv;
  private final java.util.List<GeneratorFile.Row> bound = new java.util.ArrayList<>();

  public GeneratorWriter(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(GeneratorFile.CSV);
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    csv =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (fresh) {
      csv.write(GeneratorFile.csvHeader());
      csv.newLine();
      csv.flush();
    }
  }

  public synchronized void write(GeneratorFile.Row row) {
    if (row == null) return;
    if (row.bound()) bound.add(row);
    try {
      csv.write(GeneratorFile.csvLine(row));
      csv.newLine();
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generator-bound seconds written since {@link #takeBound()} was last called. */
  public synchronized java.util.List<GeneratorFile.Row> takeBound() {
    java.util.List<GeneratorFile.Row> out = java.util.List.copyOf(bound);
    bound.clear();
    return out;
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
