package dev.kexp.runtime.metrics;

import dev.kexp.runtime.results.NodeSamplesFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Appends samples to {@link NodeSamplesFile nodes.csv} in a directory, flushing every row so a
 * killed run keeps everything sampled before it died.
 */
public final class NodeSampleWriter implements Consumer<NodeSamplesFile.Row>, AutoCloseable {

  public static final String FILE_NAME = NodeSamplesFile.FILE;
  public static final String HEADER = NodeSamplesFile.HEADER;

  private final BufferedWriter out;

  public NodeSampleWriter(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(FILE_NAME);
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (fresh) {
      out.write(HEADER);
      out.newLine();
      out.flush();
    }
  }

  /** Synchronized because several samplers may share one writer. */
  @Override
  public synchronized void accept(NodeSamplesFile.Row s) {
    try {
      out.write(NodeSamplesFile.csvLine(s));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
