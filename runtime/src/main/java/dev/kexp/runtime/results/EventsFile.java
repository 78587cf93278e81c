package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code events.jsonl} of a run: one JSON object a line with {@link #EPOCH_MS}, {@link #EVENT} (an
 * {@link Event}'s wire name), {@link #PHASE}, {@link #INDEX} and the event's own fields. Written by
 * {@link EventLog}, read by {@link Results}.
 */
public final class EventsFile {
  public static final String FILE = "events.jsonl";

  public static final String EPOCH_MS = "epoch_ms";
  public static final String EVENT = "event";
  public static final String PHASE = "phase";
  public static final String INDEX = "index";

  // The fields particular to some events (see Event).
  public static final String MESSAGE = "message";
  public static final String DETAIL = "detail";
  public static final String URL = "url";
  public static final String NODE = "node";
  public static final String EVICTED = "evicted";
  public static final String SECOND = "second";
  public static final String TARGET = "target";
  public static final String RPS = "rps";
  public static final String ERROR_SHARE = "error_share";
  public static final String P99_MS = "p99_ms";
  public static final String ABORT = "abort";
  public static final String QUERY = "query";
  public static final String SERIES = "series";
  public static final String AFTER = "after";
  public static final String NODES = "nodes";
  public static final String ACTION = "action";
  public static final String SECONDS = "seconds";

  /**
   * One line; {@code numbers} holds its other numeric fields (a breakpoint's second, target and
   * rps). {@code index} is -1 when the line has none.
   */
  public record Row(
      long epochMs, String event, String phase, int index, Map<String, Double> numbers) {
    public Row {
      numbers = Map.copyOf(numbers);
    }

    public Row(long epochMs, String event, String phase, int index) {
      this(epochMs, event, phase, index, Map.of());
    }

    public Row(long epochMs, Event event, String phase, int index) {
      this(epochMs, event.wire(), phase, index, Map.of());
    }

    public boolean is(Event kind) {
      return kind.wire().equals(event);
    }

    public double number(String field) {
      return numbers.getOrDefault(field, Double.NaN);
    }
  }

  private EventsFile() {}

  /** One line as written: the four common fields first, then {@code extra} in its order. */
  public static Map<String, Object> json(
      long epochMs, String event, String phase, int index, Map<String, ?> extra) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(EPOCH_MS, epochMs);
    line.put(EVENT, event);
    line.put(PHASE, phase);
    line.put(INDEX, index);
    line.putAll(extra);
    return line;
  }

  /** The row of one parsed line; null when it lacks the time or the event name. */
  static Row parse(JsonNode n) {
    if (n == null || !n.has(EPOCH_MS) || !n.has(EVENT)) {
      return null;
    }
    Map<String, Double> numbers = new HashMap<>();
    n.fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isNumber()) numbers.put(f.getKey(), f.getValue().asDouble());
              // A flag (a doubtful breakpoint) reads as 1 or 0.
              if (f.getValue().isBoolean())
                numbers.put(f.getKey(), f.getValue().asBoolean() ? 1.0 : 0.0);
            });
    JsonNode phase = n.get(PHASE);
    return new Row(
        n.get(EPOCH_MS).asLong(),
        n.get(EVENT).asText(),
        phase == null || phase.isNull() ? null : phase.asText(),
        n.path(INDEX).asInt(-1),
        numbers);
  }
}
