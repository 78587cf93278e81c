package dev.kexp.runtime.load;

/**
 * Totals of a whole run; percentiles come from the histogram of all responses, not from averaging
 * per-second percentiles.
 *
 * @param stoppedEarly the stop request ended the run before its last segment finished
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
    boolean stoppedEarly) {}
