package dev.kexp.runtime.plan;

import java.time.Duration;
import java.util.List;

/**
 * Everything {@code kexp run} will do for one .kexp file, computed without touching anything. It is
 * the only input of a run: the interpreter reads nothing of the model besides it.
 *
 * @param file the .kexp file, against which manifest paths are resolved
 * @param thresholds the breakpoints every load step watches (each load step carries them too)
 */
public record Plan(
    String experiment,
    String description,
    String file,
    String sha256,
    List<RunPlan> runs,
    List<Threshold> thresholds,
    List<String> reports,
    List<String> warnings) {
  public Plan {
    runs = List.copyOf(runs);
    thresholds = List.copyOf(thresholds);
    reports = List.copyOf(reports);
    warnings = List.copyOf(warnings);
  }

  /** The timed part of the whole plan: load, waits and pauses. */
  public Duration timed() {
    return runs.stream().map(RunPlan::timed).reduce(Duration.ZERO, Duration::plus);
  }
}
