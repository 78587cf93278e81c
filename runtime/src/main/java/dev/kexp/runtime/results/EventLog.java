package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@link EventsFile events.jsonl} of one run: phase starts and ends, breakpoints, errors; flushed
 * line by line.
 */
public final class EventLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public EventLog(Path file) throws IOException {
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Appends an event to {@link EventsFile#FILE} in {@code runDir}. */
  public static EventLog in(Path runDir) throws IOException {
    return new EventLog(runDir.resolve(EventsFile.FILE));
  }

  /** Appends one line: the event, its phase and index, and its own fields. */
  public synchronized void event(Event event, String phase, int index, Map<String, ?> extra) {
    try {
      out.write(
          JSON.writeValueAsString(
              EventsFile.json(System.currentTimeMillis(), event.wire(), phase, index, extra)));
      out.write('\n');
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
