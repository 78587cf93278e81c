package dev.kexp.runtime.load;

import dev.kexp.runtime.results.LoadSeriesFile;
import java.util.Map;

/**
 * What happened in one second of a run, as the engine measured it. Counts are for that second only.
 * What load.csv keeps of it is {@link #toRow()}; load.jsonl adds {@code errorsByClass}.
 *
 * @param epochMillis wall-clock time at which the second started
 * @param second seconds since the start of the first segment
 * @param label label of the segment running in the middle of the second
 * @param target users or arrivals per second wanted in the middle of the second
 * @param active users running (closed) or requests in flight (open) when the second ended
 * @param sent requests started
 * @param completed responses received, whatever their status
 * @param errors error responses (4xx, 5xx) plus requests that got no response
 * @param dropped open-model arrivals not sent because the in-flight cap was reached
 * @param rps responses per second: {@code completed} over the second (the last row of a run may
 *     cover a fraction of a second; it is still divided by one second, never by less)
 * @param p50Ms latency percentiles of the responses, in milliseconds; 0 when there were none
 * @param errorsByClass error counts keyed by {@link ErrorClass#label()}, every class present
 */
public record SecondRow(
    long epochMillis,
    int second,
    String label,
    double target,
    int active,
    long sent,
    long completed,
    long errors,
    long dropped,
    double rps,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    Map<String, Long> errorsByClass) {

  /** The row of load.csv (and load.jsonl) this second is written as. */
  public LoadSeriesFile.Row toRow() {
    return new LoadSeriesFile.Row(
        epochMillis,
        second,
        label,
        target,
        active,
        sent,
        completed,
        errors,
        dropped,
        rps,
        p50Ms,
        p90Ms,
        p99Ms,
        p999Ms,
        maxMs);
  }
}
