package dev.kexp.runtime.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Copies one output stream of a command, line by line, to a consumer (the node log) as it arrives
 * and into a buffer for the result. On its own thread, so stdout and stderr never block each other.
 */
final class Pump extends Thread {
  /**
   * A command printing more than this keeps only its first megabyte in the result (not the log).
   */
  private static final int KEEP = 1 << 20;

  private final InputStream in;
  private final Consumer<String> lines;
  private final StringBuilder text = new StringBuilder();

  Pump(String name, InputStream in, Consumer<String> lines) {
    super(name);
    setDaemon(true);
    this.in = in;
    this.lines = lines;
  }

  @Override
  public void run() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.accept(line);
        synchronized (text) {
          if (text.length() < KEEP) text.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // The channel was closed under us (a killed command): what was read is kept.
    }
  }

  String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  /** Waits for the stream to end, at most {@code millis}: a killed command may never close it. */
  String finish(long millis) {
    try {
      join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return text();
  }
}
