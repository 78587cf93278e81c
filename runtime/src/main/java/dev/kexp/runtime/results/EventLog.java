package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** events.jsonl of one run: phase starts and ends, breakpoints, errors; flushed line by line. */
public final class EventLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public EventLog(Path file) throws IOException {
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public synchronized void event(String event, String phase, int index, Map<String, ?> extra) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("epoch_ms", System.currentTimeMillis());
    line.put("event", event);
    line.put("phase", phase);
    line.put("index", index);
    line.putAll(extra);
    try {
      out.write(JSON.writeValueAsString(line));
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
