package dev.kexp.runtime.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.results.KubeEventsFile;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * events-k8s.jsonl of a run: every Kubernetes event of every namespace that happens while the run
 * lasts (kind, name, reason, type, message, count, times), one JSON line each, flushed as it
 * arrives. Failures such as the first seed's K0s collapse show up here as FailedScheduling, Evicted
 * or BackOff events. Events older than the recorder (from the informer's first list) are left out:
 * they belong to earlier runs.
 */
public final class EventRecorder implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private final SharedIndexInformer<Event> informer;
  private final Instant since;

  public EventRecorder(KubernetesClient client, Path runDir) throws IOException {
    // Event times have one-second resolution; an event of the very second we start is ours.
    since = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    out =
        Files.newBufferedWriter(
            runDir.resolve(KubeEventsFile.FILE),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    informer =
        client
            .v1()
            .events()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Event e) {
                    write(e);
                  }

                  @Override
                  public void onUpdate(Event before, Event e) {
                    // A repeated event is the same object with a higher count and lastTimestamp.
                    if (before != null
                        && java.util.Objects.equals(before.getCount(), e.getCount())
                        && java.util.Objects.equals(
                            before.getLastTimestamp(), e.getLastTimestamp())) return;
                    write(e);
                  }

                  @Override
                  public void onDelete(Event e, boolean unknownFinalState) {}
                },
                0);
  }

  private void write(Event e) {
    Instant last = time(e.getLastTimestamp(), e.getEventTime(), e.getFirstTimestamp());
    if (last != null && last.isBefore(since)) return;
    var o = e.getInvolvedObject();
    Map<String, Object> line =
        KubeEventsFile.json(
            new KubeEventsFile.Row(
                System.currentTimeMillis(),
                e.getMetadata().getNamespace(),
                o == null ? null : o.getKind(),
                o == null ? null : o.getName(),
                e.getReason(),
                e.getType(),
                e.getMessage(),
                e.getCount(),
                e.getFirstTimestamp(),
                e.getLastTimestamp(),
                e.getSource() == null ? null : e.getSource().getComponent(),
                e.getSource() == null ? null : e.getSource().getHost()));
    synchronized (this) {
      try {
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush();
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }
  }

  private static Instant time(String lastTimestamp, Object eventTime, String firstTimestamp) {
    for (Object t : new Object[] {lastTimestamp, eventTime, firstTimestamp}) {
      String s =
          t instanceof io.fabric8.kubernetes.api.model.MicroTime m ? m.getTime() : (String) t;
      if (s == null || s.isBlank()) continue;
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException ignored) {
        // An unparseable time is not a reason to lose the event.
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    informer.close();
    synchronized (this) {
      out.close();
    }
  }
}
