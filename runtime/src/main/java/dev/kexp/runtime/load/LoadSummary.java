package dev.kexp.runtime.load;

import java.util.Map;

/**
 * Totals of a whole run; percentiles come from the histogram of all responses, not from averaging
 * per-second percentiles.
 *
 * @param stoppedEarly the stop request ended the run before its last segment finished
 * @param seconds how long the run sent load, from its start to its last row
 * @param status responses by HTTP status code
 */
public record LoadSummary(
    long sent,
    long completed,
    long errors,
    long dropped,
    double peakRps,
    double p50Ms,
    double p99Ms,
    double maxMs,
    boolean stoppedEarly,
    double p90Ms,
    double p999Ms,
    double seconds,
    Map<Integer, Long> status) {
  public LoadSummary {
    status = Map.copyOf(status);
  }

  /** Completed responses per second over the whole run. */
  public double rps() {
    return seconds <= 0 ? 0 : completed / seconds;
  }
}
