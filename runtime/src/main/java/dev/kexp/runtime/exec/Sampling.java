package dev.kexp.runtime.exec;

import dev.kexp.runtime.metrics.NodeSampleWriter;
import dev.kexp.runtime.metrics.NodeSampler;
import dev.kexp.runtime.results.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's node sampling: the sampler and its writer, and what sampling cost, once stopped. */
public final class Sampling {
  private NodeSampler sampler;
  private NodeSampleWriter samples;

  /** Starts sampling these nodes every {@code every} into the run's directory. */
  public void start(List<NodeSampler.Target> targets, Duration every, Path runDir)
      throws IOException {
    samples = new NodeSampleWriter(runDir);
    sampler = NodeSampler.start(targets, every, samples);
  }

  /**
   * Stops sampling (if it runs) and states what it cost in the run's manifest entry.
   *
   * @return a line for the log, or null when nothing was sampled
   */
  String stop(Manifest manifest, String runId) throws IOException {
    String line = null;
    if (sampler != null) {
      sampler.close();
      NodeSampler.Overhead o = sampler.overhead();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("rounds", o.rounds());
      facts.put("mean_round_ms", round3(o.meanRoundMs()));
      facts.put("cpu_ms", round3(o.cpuMs()));
      facts.put("cpu_share_of_one_core_pct", round3(o.cpuSharePct()));
      manifest.runPut(runId, "sampler_overhead", facts);
      line =
          String.format(
              java.util.Locale.ROOT,
              "sampler: %d rounds, %.2f ms each, %.3f %% of one core",
              o.rounds(),
              o.meanRoundMs(),
              o.cpuSharePct());
    }
    sampler = null;
    if (samples != null) samples.close();
    samples = null;
    return line;
  }

  private static Object round3(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
  }
}
