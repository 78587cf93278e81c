package dev.kexp.runtime.control;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node's log in the results directory: every command kexp ran there and every line it printed,
 * as it printed it, with secrets redacted. Written and flushed line by line, so a run that is
 * killed keeps its log up to the last line.
 *
 * <p>A command that prints a secret (a join token) is announced with {@link #capture}: each stdout
 * line is matched first, the value is added to the redactor, and only then is the line written.
 */
public final class NodeLog implements AutoCloseable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final String node;
  private final Redactor redactor;
  private final BufferedWriter out;
  private Pattern capturing;
  private AtomicReference<String> captured;
  private final java.util.List<String> heldErr = new java.util.ArrayList<>();
  private boolean hiding;
  private int hidden;

  private NodeLog(String node, Redactor redactor, BufferedWriter out) {
    this.node = node;
    this.redactor = redactor;
    this.out = out;
  }

  /** Appends to {@code file}, creating it and its directory. */
  public static NodeLog open(Path file, String node, Redactor redactor) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new NodeLog(
        node,
        redactor,
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /** A log that keeps nothing, for the recording remote of {@code kexp plan}. */
  public static NodeLog discard(String node, Redactor redactor) {
    return new NodeLog(node, redactor, null);
  }

  public String node() {
    return node;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** A line of kexp's own: the step that starts, the command about to run, how it ended. */
  public synchronized void note(String text) {
    write("--", text);
  }

  /** A line the command printed on stdout. */
  public synchronized void out(String line) {
    if (capturing != null && captured.get() == null) {
      Matcher m = capturing.matcher(line);
      if (m.find()) {
        redactor.add(m.group(1));
        captured.set(m.group(1));
      }
    }
    if (hiding) {
      hidden++;
      return;
    }
    write("out", line);
  }

  /**
   * A line the command printed on stderr. While a secret is being captured, stderr is held until
   * the command ends: the two streams race, and a tool may echo the secret on stderr first.
   */
  public synchronized void err(String line) {
    if (capturing != null) {
      heldErr.add(line);
      return;
    }
    write("err", line);
  }

  /**
   * Until {@link #endCommand}, captures group 1 of the first stdout line matching {@code pattern}
   * into the returned reference, and treats it as a secret.
   */
  public synchronized AtomicReference<String> capture(Pattern pattern) {
    capturing = pattern;
    captured = new AtomicReference<>();
    return captured;
  }

  /** Until {@link #endCommand}, stdout is counted, not written (a kubeconfig holds credentials). */
  public synchronized void hideOutput() {
    hiding = true;
    hidden = 0;
  }

  public synchronized void endCommand() {
    capturing = null;
    for (String line : heldErr) write("err", line);
    heldErr.clear();
    if (hiding && hidden > 0) write("--", "(" + hidden + " lines of output not logged)");
    capturing = null;
    captured = null;
    hiding = false;
  }

  private void write(String stream, String text) {
    if (out == null) return;
    try {
      out.write(TIME.format(Instant.now()) + " " + stream + " " + redactor.redact(text));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log of " + node, e);
    }
  }

  @Override
  public synchronized void close() {
    if (out == null) return;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the log of " + node, e);
    }
  }
}
