package dev.kexp.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the results of a lifecycle comparison with known values: each cell is a platform, each run
 * goes through {@link #EVENTS} one after the other (a phase each), and one master and three workers
 * are sampled once a second. The duration of every phase and the value of every metric per event
 * and role come from the test, so it can compute the report's numbers by hand.
 */
final class LifecycleFixture {

  /** The second paper's lifecycle, as kexp names its phases. */
  static final List<String> EVENTS =
      List.of(
          "idle",
          "startMaster",
          "idle",
          "addWorkers",
          "idle",
          "apply",
          "idle",
          "delete",
          "drainWorkers",
          "stopMaster");

  /** Whole seconds the event {@code e} (index into {@link #EVENTS}) takes in a run. */
  interface Durations {
    int seconds(String cell, int repetition, int event);
  }

  /**
   * The value of a metric (cpu_pct, mem_pct, disk_util_pct) for a role during an event: the master
   * reads it every second; the three workers read it −1, +0 and +1, so their mean is the value.
   */
  interface Values {
    double value(String cell, int repetition, int event, String role, String metric);
  }

  private LifecycleFixture() {}

  /**
   * @param endLast whether the last event ends; if not, no run has a duration for it
   */
  static Path write(
      Path dir,
      List<String> cells,
      int repetitions,
      Durations durations,
      Values values,
      boolean endLast)
      throws IOException {
    List<String> runs = new ArrayList<>();
    for (String cell : cells) {
      for (int r = 1; r <= repetitions; r++) {
        String id = cell + "/rep-" + String.format("%02d", r);
        runs.add(
            String.format(
                "{\"id\":\"%s\",\"cell\":\"%s\",\"repetition\":%d,\"status\":\"complete\",\"dir\":\"runs/%s\"}",
                id, cell, r, id));
        writeRun(dir.resolve("runs/" + id), cell, r, durations, values, endLast);
      }
    }
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"kexp\":\"0.1.0\",\"java\":\"17.0.15\",\"os\":\"Linux 6.1 amd64\","
            + "\"experiment\":\"profiling-lifecycle\",\"file\":\"lifecycle.kexp\","
            + "\"started\":\"2026-11-22T15:00:00Z\",\"ended\":\"2026-11-22T19:00:00Z\","
            + "\"status\":\"complete\",\"runs\":["
            + String.join(",", runs)
            + "]}",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("plan.txt"), "plan\n");
    Files.writeString(dir.resolve("experiment.kexp"), "experiment 'profiling-lifecycle'\n");
    return dir;
  }

  private static void writeRun(
      Path runDir, String cell, int r, Durations durations, Values values, boolean endLast)
      throws IOException {
    Files.createDirectories(runDir);
    long t = ResultsFixture.T0 + r * 3_600_000L;
    StringBuilder events = new StringBuilder();
    StringBuilder nodes =
        new StringBuilder(
            "epoch_ms,node,role,cpu_pct,mem_pct,disk_read_bps,disk_write_bps,disk_util_pct,net_rx_bps,net_tx_bps\n");
    for (int e = 0; e < EVENTS.size(); e++) {
      int seconds = durations.seconds(cell, r, e);
      events.append(event(t, "phase-start", EVENTS.get(e), e + 1));
      for (int s = 0; s < seconds; s++) {
        long at = t + s * 1000L + 500;
        double cpu = values.value(cell, r, e, "master", "cpu_pct");
        double mem = values.value(cell, r, e, "master", "mem_pct");
        double disk = values.value(cell, r, e, "master", "disk_util_pct");
        nodes.append(node(at, "master0", "master", cpu, mem, disk));
        cpu = values.value(cell, r, e, "worker", "cpu_pct");
        mem = values.value(cell, r, e, "worker", "mem_pct");
        disk = values.value(cell, r, e, "worker", "disk_util_pct");
        for (int w = 1; w <= 3; w++) {
          int d = w - 2;
          nodes.append(node(at, "worker" + w, "worker", cpu + d, mem + d, disk + d));
        }
      }
      t += seconds * 1000L;
      if (endLast || e < EVENTS.size() - 1) {
        events.append(event(t, "phase-end", EVENTS.get(e), e + 1));
      }
    }
    Files.writeString(runDir.resolve("events.jsonl"), events);
    Files.writeString(runDir.resolve("nodes.csv"), nodes);
  }

  private static String event(long epochMs, String event, String phase, int index) {
    return String.format(
        "{\"epoch_ms\":%d,\"event\":\"%s\",\"phase\":\"%s\",\"index\":%d}\n",
        epochMs, event, phase, index);
  }

  private static String node(
      long t, String node, String role, double cpu, double mem, double disk) {
    return String.format(
        Locale.ROOT, "%d,%s,%s,%.3f,%.3f,0,1000,%.3f,0,0\n", t, node, role, cpu, mem, disk);
  }
}
