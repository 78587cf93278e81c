package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: what ran, with which versions, and how far it got. Rewritten atomically after
 * every change, so a run killed at any moment leaves a readable manifest that says so.
 */
public final class Manifest {
  /** The file's name, at the top of a results directory. */
  public static final String FILE = "manifest.json";

  /** How a run or the whole experiment ended. */
  public enum Status {
    RUNNING,
    COMPLETE,
    PARTIAL,
    FAILED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<Map<String, Object>> runs = new ArrayList<>();

  Manifest(Path file, Map<String, Object> facts) {
    this.file = file;
    fields.putAll(facts);
    fields.put("started", Instant.now().toString());
    fields.put("ended", null);
    fields.put("status", Status.RUNNING.word());
    fields.put("runs", runs);
  }

  public synchronized void runStarted(String id, String cell, int repetition, String dir) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", id);
    run.put("cell", cell);
    run.put("repetition", repetition);
    run.put("status", Status.RUNNING.word());
    run.put("dir", dir);
    run.put("started", Instant.now().toString());
    runs.add(run);
    write();
  }

  public synchronized void runEnded(String id, Status status, String error) {
    for (Map<String, Object> run : runs) {
      if (run.get("id").equals(id)) {
        run.put("status", status.word());
        run.put("ended", Instant.now().toString());
        if (error != null) run.put("error", error);
      }
    }
    write();
  }

  /** Adds a field to one run's entry, e.g. the sampler's measured overhead. */
  public synchronized void runPut(String id, String key, Object value) {
    for (Map<String, Object> run : runs) {
      if (run.get("id").equals(id)) run.put(key, value);
    }
    write();
  }

  /** A fact about one node in one run ({@code runs[].nodes.NODE.KEY}), such as its kernel. */
  @SuppressWarnings("unchecked")
  public synchronized void runFact(String id, String node, String key, Object value) {
    for (Map<String, Object> run : runs) {
      if (run.get("id").equals(id)) {
        Map<String, Object> nodes =
            (Map<String, Object>) run.computeIfAbsent("nodes", k -> new LinkedHashMap<>());
        Map<String, Object> facts =
            (Map<String, Object>) nodes.computeIfAbsent(node, k -> new LinkedHashMap<>());
        facts.put(key, value);
      }
    }
    write();
  }

  public synchronized void put(String key, Object value) {
    fields.put(key, value);
    write();
  }

  public synchronized void ended(Status status) {
    fields.put("ended", Instant.now().toString());
    fields.put("status", status.word());
    write();
  }

  public synchronized Status status() {
    return Status.valueOf(String.valueOf(fields.get("status")).toUpperCase(java.util.Locale.ROOT));
  }

  synchronized void write() {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), fields);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }
}
