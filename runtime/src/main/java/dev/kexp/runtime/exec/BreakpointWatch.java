package dev.kexp.runtime.exec;

import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.runtime.load.SecondRow;
import dev.kexp.runtime.load.SecondSink;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Watches a load phase's seconds for a breakpoint: the first window of {@code over} in which the
 * error share or the worst p99 crosses its bound. Passes every row on unchanged.
 */
final class BreakpointWatch implements SecondSink {
  /** Where the breakpoint was found. */
  record Found(Breakpoint threshold, SecondRow at, double errorShare, double p99Ms) {}

  private final SecondSink next;
  private final Breakpoint threshold;
  private final Deque<SecondRow> window = new ArrayDeque<>();
  private Found found;

  BreakpointWatch(SecondSink next, Breakpoint threshold) {
    this.next = next;
    this.threshold = threshold;
  }

  @Override
  public void acceptHistogram(Histogram interval) {
    next.acceptHistogram(interval);
  }

  @Override
  public void accept(SecondRow row) {
    next.accept(row);
    if (found != null) return;
    window.addLast(row);
    long seconds = Math.max(1, threshold.over().toSeconds());
    while (window.size() > seconds) window.removeFirst();
    if (window.size() < seconds) return;
    long errors = 0;
    long done = 0;
    double worstP99 = 0;
    for (SecondRow r : window) {
      errors += r.errors();
      done += r.completed() + r.dropped();
      worstP99 = Math.max(worstP99, r.p99Ms());
    }
    double share = done == 0 ? 0 : (double) errors / done;
    boolean errorsBroke = threshold.errors() != null && share > threshold.errors().fraction();
    boolean latencyBroke = threshold.p99() != null && worstP99 > threshold.p99().toMillis();
    if (errorsBroke || latencyBroke) found = new Found(threshold, row, share, worstP99);
  }

  Optional<Found> found() {
    return Optional.ofNullable(found);
  }

  /** Whether the phase should stop now: the threshold broke and says abort. */
  boolean abort() {
    return found != null && threshold.abort();
  }
}
