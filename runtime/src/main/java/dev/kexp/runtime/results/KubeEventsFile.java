package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code events-k8s.jsonl} of a run: the Kubernetes events that happened while it lasted, one JSON
 * object a line. Written by {@code cluster.EventRecorder}, read by {@link Results}.
 */
public final class KubeEventsFile {
  public static final String FILE = "events-k8s.jsonl";

  public static final String EPOCH_MS = "epoch_ms";
  public static final String NAMESPACE = "namespace";
  public static final String KIND = "kind";
  public static final String NAME = "name";
  public static final String REASON = "reason";
  public static final String TYPE = "type";
  public static final String MESSAGE = "message";
  public static final String COUNT = "count";
  public static final String FIRST = "first";
  public static final String LAST = "last";
  public static final String SOURCE = "source";
  public static final String HOST = "host";

  /** The fields of a line, in the order of {@link Row} and as written. */
  public static final List<String> FIELDS =
      List.of(
          EPOCH_MS, NAMESPACE, KIND, NAME, REASON, TYPE, MESSAGE, COUNT, FIRST, LAST, SOURCE, HOST);

  /**
   * One Kubernetes event as recorded: when kexp saw it, the involved object, why, and the event's
   * own first and last times (as Kubernetes wrote them). Any field but the time may be null.
   */
  public record Row(
      long epochMs,
      String namespace,
      String kind,
      String name,
      String reason,
      String type,
      String message,
      Integer count,
      String first,
      String last,
      String source,
      String host) {}

  private KubeEventsFile() {}

  /** One line as written. */
  public static Map<String, Object> json(Row r) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(EPOCH_MS, r.epochMs());
    line.put(NAMESPACE, r.namespace());
    line.put(KIND, r.kind());
    line.put(NAME, r.name());
    line.put(REASON, r.reason());
    line.put(TYPE, r.type());
    line.put(MESSAGE, r.message());
    line.put(COUNT, r.count());
    line.put(FIRST, r.first());
    line.put(LAST, r.last());
    line.put(SOURCE, r.source());
    line.put(HOST, r.host());
    return line;
  }

  /** The row of one parsed line; null when it has no time. */
  static Row parse(JsonNode n) {
    if (n == null || !n.has(EPOCH_MS)) return null;
    JsonNode count = n.get(COUNT);
    return new Row(
        n.get(EPOCH_MS).asLong(),
        text(n, NAMESPACE),
        text(n, KIND),
        text(n, NAME),
        text(n, REASON),
        text(n, TYPE),
        text(n, MESSAGE),
        count == null || !count.isNumber() ? null : count.asInt(),
        text(n, FIRST),
        text(n, LAST),
        text(n, SOURCE),
        text(n, HOST));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
