package dev.kexp.runtime.exec;

import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.plan.Threshold;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Watches a load phase's seconds for a breakpoint: the first window of {@code over} in which the
 * error share or the worst p99 crosses its bound. Passes every row on unchanged.
 */
public final class BreakpointWatch implements SecondSink {
  /** Where the breakpoint was found. */
  public record Found(
      Threshold threshold, LoadSeriesFile.Row at, double errorShare, double p99Ms) {}

  private final SecondSink next;
  private final Threshold threshold;
  private final Deque<LoadSeriesFile.Row> window = new ArrayDeque<>();
  private Found found;

  public BreakpointWatch(SecondSink next, Threshold threshold) {
    this.next = next;
    this.threshold = threshold;
  }

  @Override
  public void acceptHistogram(Histogram interval) {
    next.acceptHistogram(interval);
  }

  @Override
  public void acceptGenerator(dev.kexp.runtime.results.GeneratorFile.Row second) {
    next.acceptGenerator(second);
  }

  @Override
  public void accept(LoadSeriesFile.Row row) {
    next.accept(row);
    if (found != null) return;
    window.addLast(row);
    long seconds = Math.max(1, threshold.over().toSeconds());
    while (window.size() > seconds) window.removeFirst();
    if (window.size() < seconds) return;
    // The share of attempts that failed: responses (2xx..5xx), requests that got no response
    // (refused, reset, timed out) and arrivals dropped at the in-flight cap all count as attempts;
    // error statuses, transport errors and drops all count as failures.
    long failed = 0;
    long attempts = 0;
    double worstP99 = 0;
    for (LoadSeriesFile.Row r : window) {
      long statusErrors =
          r.errorsByClass().getOrDefault("http_4xx", 0L)
              + r.errorsByClass().getOrDefault("http_5xx", 0L);
      long errors = (long) r.errors();
      long dropped = (long) r.dropped();
      long transportErrors = errors - statusErrors;
      failed += errors + dropped;
      attempts += (long) r.completed() + transportErrors + dropped;
      worstP99 = Math.max(worstP99, r.p99Ms());
    }
    double share = attempts == 0 ? 0 : (double) failed / attempts;
    boolean errorsBroke = threshold.errors() != null && share > threshold.errors().fraction();
    boolean latencyBroke = threshold.p99() != null && worstP99 > threshold.p99().toMillis();
    if (errorsBroke || latencyBroke) found = new Found(threshold, row, share, worstP99);
  }

  public Optional<Found> found() {
    return Optional.ofNullable(found);
  }

  /** Whether the phase should stop now: the threshold broke and says abort. */
  public boolean abort() {
    return found != null && threshold.abort();
  }
}
