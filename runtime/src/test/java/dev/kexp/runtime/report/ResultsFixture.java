package dev.kexp.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a results directory with known values: per cell, repetition r has a constant rps, one
 * master and two workers, and phases "deploy" (0–10 s) and "ramp" (10–20 s, with load).
 */
final class ResultsFixture {

  static final long T0 = 1_800_000_000_000L;

  record Rep(
      String cell, int repetition, double rps, double errorsPerSecond, double masterCpuDeploy) {
    String dir() {
      return "runs/" + cell + "/rep-" + String.format("%02d", repetition);
    }

    String id() {
      return cell + "/rep-" + String.format("%02d", repetition);
    }
  }

  /** k3s_v1: rps 100 and 200; kubeadm: rps 300 and 500. */
  static final List<Rep> DEFAULT_REPS =
      List.of(
          new Rep("k3s_v1", 1, 100, 1, 10),
          new Rep("k3s_v1", 2, 200, 3, 30),
          new Rep("kubeadm", 1, 300, 0, 50),
          new Rep("kubeadm", 2, 500, 0, 70));

  private ResultsFixture() {}

  static Path write(Path dir, String experiment, String status, List<Rep> reps) throws IOException {
    List<String> runs = new ArrayList<>();
    for (Rep r : reps) {
      runs.add(
          String.format(
              "{\"id\":\"%s\",\"cell\":\"%s\",\"repetition\":%d,\"status\":\"complete\",\"dir\":\"%s\"}",
              r.id(), r.cell(), r.repetition(), r.dir()));
      writeRun(dir.resolve(r.dir()), r);
    }
    String manifest =
        "{\"kexp\":\"0.1.0\",\"java\":\"17.0.15\",\"os\":\"Linux 6.1 amd64\","
            + "\"experiment\":"
            + jsonString(experiment)
            + ",\"file\":\"quickstart.kexp\",\"started\":\"2026-11-22T15:00:00Z\","
            + "\"ended\":\"2026-11-22T15:01:10Z\",\"status\":\""
            + status
            + "\",\"runs\":["
            + String.join(",", runs)
            + "]}";
    Files.writeString(dir.resolve("manifest.json"), manifest, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("plan.txt"), "plan\n");
    Files.writeString(dir.resolve("experiment.kexp"), "experiment 'x'\n");
    return dir;
  }

  static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void writeRun(Path runDir, Rep r) throws IOException {
    Files.createDirectories(runDir);
    long t0 = T0 + r.repetition() * 3_600_000L;
    StringBuilder events = new StringBuilder();
    events.append(event(t0, "phase-start", "deploy", 0));
    events.append(event(t0 + 10_000, "phase-end", "deploy", 0));
    events.append(event(t0 + 10_000, "phase-start", "ramp", 1));
    events.append(event(t0 + 20_000, "phase-end", "ramp", 1));
    Files.writeString(runDir.resolve("events.jsonl"), events);

    StringBuilder load =
        new StringBuilder(
            "epoch_ms,second,phase,target,active,sent,completed,errors,dropped,rps,p50_ms,p90_ms,p99_ms,p999_ms,max_ms\n");
    for (int s = 10; s < 20; s++) {
      // p99 peaks at second 15 so the worst-second value is distinct from the typical one
      double p99 = s == 15 ? 40 : 20;
      load.append(
          String.format(
              Locale.ROOT,
              "%d,%d,ramp,%.0f,10,%.0f,%.0f,%.0f,0,%.0f,5,10,%.0f,%.0f,%.0f\n",
              t0 + s * 1000L + 500,
              s - 10,
              r.rps(),
              r.rps(),
              r.rps() - r.errorsPerSecond(),
              r.errorsPerSecond(),
              r.rps(),
              p99,
              p99 + 5,
              p99 + 10 * r.repetition()));
    }
    Files.writeString(runDir.resolve("load.csv"), load);

    StringBuilder nodes =
        new StringBuilder(
            "epoch_ms,node,role,cpu_pct,mem_pct,disk_read_bps,disk_write_bps,disk_util_pct,net_rx_bps,net_tx_bps\n");
    for (int s = 0; s < 20; s++) {
      long t = t0 + s * 1000L + 200;
      double masterCpu = s < 10 ? r.masterCpuDeploy() : r.masterCpuDeploy() + 10;
      nodes.append(node(t, "m1", "master", masterCpu, 40, 2_000_000));
      nodes.append(node(t, "w1", "worker", 50, 30, 1_000_000));
      nodes.append(node(t, "w2", "worker", 70, 50, 3_000_000));
    }
    Files.writeString(runDir.resolve("nodes.csv"), nodes);
  }

  /**
   * Adds what the cluster steps and the load engine write besides load.csv and nodes.csv, with
   * known values: replicas.csv (ready = repetition during deploy, 5 during ramp, desired 5), a
   * Prometheus series (value = 10 × repetition), latency.hlog (1 to 1000 ms, once each) and, in
   * repetition 2 of every cell, a breakpoint 5 s into the ramp.
   */
  static void addClusterData(Path dir, List<Rep> reps) throws IOException {
    for (Rep r : reps) {
      Path runDir = dir.resolve(r.dir());
      long t0 = T0 + r.repetition() * 3_600_000L;
      StringBuilder replicas = new StringBuilder("epoch_ms,namespace,name,desired,ready\n");
      StringBuilder values = new StringBuilder();
      for (int s = 0; s < 20; s++) {
        long t = t0 + s * 1000L + 300;
        replicas.append(
            String.format(
                Locale.ROOT, "%d,openfaas-fn,factorial,5,%d\n", t, s < 10 ? r.repetition() : 5));
        values
            .append(values.length() == 0 ? "" : ",")
            .append("[")
            .append(t)
            .append(",")
            .append(10 * r.repetition())
            .append("]");
      }
      Files.writeString(runDir.resolve("replicas.csv"), replicas);
      Files.writeString(
          runDir.resolve("prometheus.jsonl"),
          "{\"query\":\"rps\",\"promql\":\"sum(rate(x[1m]))\",\"source\":\"http://127.0.0.1:9\","
              + "\"labels\":{},\"values\":["
              + values
              + "]}\n");
      if (r.repetition() == 2) {
        Files.writeString(
            runDir.resolve("events.jsonl"),
            "{\"epoch_ms\":"
                + (t0 + 20_000)
                + ",\"event\":\"breakpoint\",\"phase\":\"ramp\",\"index\":0,\"second\":5,"
                + "\"target\":150,\"rps\":120.5,\"error_share\":0.07,\"p99_ms\":40,\"abort\":false}\n",
            java.nio.file.StandardOpenOption.APPEND);
      }
      try (java.io.PrintStream out =
          new java.io.PrintStream(
              runDir.resolve("latency.hlog").toFile(), StandardCharsets.UTF_8)) {
        org.HdrHistogram.HistogramLogWriter w = new org.HdrHistogram.HistogramLogWriter(out);
        w.outputLogFormatVersion();
        w.outputLegend();
        // two intervals, so that merging is exercised: 1..500 ms, then 501..1000 ms (in µs)
        for (int half = 0; half < 2; half++) {
          org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
          for (int ms = 1 + 500 * half; ms <= 500 * (half + 1); ms++) h.recordValue(ms * 1000L);
          h.setStartTimeStamp(t0 + half * 1000L);
          h.setEndTimeStamp(t0 + (half + 1) * 1000L);
          w.outputIntervalHistogram(h);
        }
      }
    }
  }

  private static String event(long epochMs, String event, String phase, int index) {
    return String.format(
        "{\"epoch_ms\":%d,\"event\":\"%s\",\"phase\":\"%s\",\"index\":%d}\n",
        epochMs, event, phase, index);
  }

  private static String node(
      long t, String node, String role, double cpu, double mem, double write) {
    return String.format(
        Locale.ROOT,
        "%d,%s,%s,%.1f,%.1f,0,%.0f,%.1f,0,0\n",
        t,
        node,
        role,
        cpu,
        mem,
        write,
        cpu / 2);
  }
}
