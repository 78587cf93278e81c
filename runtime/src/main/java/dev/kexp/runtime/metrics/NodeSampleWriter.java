package dev.kexp.runtime.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Appends samples to {@code nodes.csv} in a directory, flushing every row so a killed run keeps
 * everything sampled before it died.
 */
public final class NodeSampleWriter implements Consumer<NodeSample>, AutoCloseable {

  public static final String FILE_NAME = "nodes.csv";
  public static final String HEADER =
      "epoch_ms,node,role,cpu_pct,mem_pct,disk_read_bps,disk_write_bps,disk_util_pct,"
          + "net_rx_bps,net_tx_bps";

  private final BufferedWriter out;
  private final DecimalFormat decimals =
      new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));

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
  public synchronized void accept(NodeSample s) {
    String line =
        String.join(
            ",",
            Long.toString(s.epochMillis()),
            csv(s.node()),
            csv(s.role()),
            decimals.format(s.cpuPct()),
            decimals.format(s.memPct()),
            decimals.format(s.diskReadBps()),
            decimals.format(s.diskWriteBps()),
            decimals.format(s.diskUtilPct()),
            decimals.format(s.netRxBps()),
            decimals.format(s.netTxBps()));
    try {
      out.write(line);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String csv(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
