package dev.kexp.runtime.agent;

import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the loaders' seconds by second into the run's series: counts and rates added, histograms
 * added and the percentiles read from the sum (percentiles of parts cannot be averaged). Times are
 * moved onto the controller's clock. Each loader's own seconds go to its own sink as they come; a
 * merged second goes out once every loader has sent it or is finished.
 */
public final class SecondMerger {
  private final List<ClockOffset> clocks;
  private final List<SecondSink> perLoader;
  private final SecondSink merged;
  private final List<String> names;
  private final boolean[] finished;
  private final long[] seen;
  private final TreeMap<Long, AgentMessage.Second[]> pending = new TreeMap<>();
  private long nextSecond;
  private long sent;
  private long completed;
  private long errors;
  private long dropped;
  private double peakRps;
  private final Histogram total = new Histogram(3);

  public SecondMerger(
      List<String> names, List<ClockOffset> clocks, List<SecondSink> perLoader, SecondSink merged) {
    this.names = List.copyOf(names);
    this.clocks = List.copyOf(clocks);
    this.perLoader = List.copyOf(perLoader);
    this.merged = merged;
    this.finished = new boolean[names.size()];
    this.seen = new long[names.size()];
    java.util.Arrays.fill(seen, -1);
  }

  /** A second of loader {@code i}, once: one already had (the stream, then the file) is ignored. */
  public void add(int i, AgentMessage.Second s) {
    long second = s.row().second();
    AgentMessage.Second[] slot = pending.get(second);
    if (second < nextSecond || (slot != null && slot[i] != null)) return;
    if (finished[i]) return;
    AgentMessage.Second own = onController(i, s);
    Histogram h = histogram(own);
    SecondSink sink = perLoader.get(i);
    if (own.generator() != null) sink.acceptGenerator(own.generator());
    sink.acceptHistogram(h);
    sink.accept(own.row());
    seen[i] = Math.max(seen[i], second);
    pending.computeIfAbsent(second, k -> new AgentMessage.Second[names.size()])[i] = own;
    emitReady();
  }

  /** Loader {@code i} sends no more seconds. */
  public void finished(int i) {
    finished[i] = true;
    emitReady();
  }

  public boolean seen(int i, long second) {
    AgentMessage.Second[] slot = pending.get(second);
    return second < nextSecond ? seen[i] >= second : slot != null && slot[i] != null;
  }

  /** The last second loader {@code i} sent, -1 if none. */
  public long last(int i) {
    return seen[i];
  }

  /** Every second still held, as if all loaders were finished. */
  public void flush() {
    java.util.Arrays.fill(finished, true);
    emitReady();
  }

  private void emitReady() {
    while (!pending.isEmpty()) {
      Map.Entry<Long, AgentMessage.Second[]> first = pending.firstEntry();
      AgentMessage.Second[] slot = first.getValue();
      for (int i = 0; i < slot.length; i++) {
        if (slot[i] == null && !finished[i]) return;
      }
      pending.pollFirstEntry();
      emit(first.getKey(), slot);
      nextSecond = first.getKey() + 1;
    }
  }

  private void emit(long second, AgentMessage.Second[] slot) {
    Histogram h = new Histogram(3);
    long start = Long.MAX_VALUE;
    long end = 0;
    double target = 0, active = 0, sentNow = 0, completedNow = 0, errorsNow = 0, droppedNow = 0;
    double rps = 0;
    long epochMs = Long.MAX_VALUE;
    String phase = null;
    Map<String, Long> byClass = new LinkedHashMap<>();
    GeneratorFile.Row worst = null;
    List<String> bound = new ArrayList<>();
    for (int i = 0; i < slot.length; i++) {
      AgentMessage.Second s = slot[i];
      if (s == null) continue;
      LoadSeriesFile.Row r = s.row();
      Histogram part = histogram(s);
      h.add(part);
      start = Math.min(start, part.getStartTimeStamp());
      end = Math.max(end, part.getEndTimeStamp());
      epochMs = Math.min(epochMs, r.epochMs());
      if (phase == null) phase = r.phase();
      target += r.target();
      active += r.active();
      sentNow += r.sent();
      completedNow += r.completed();
      errorsNow += r.errors();
      droppedNow += r.dropped();
      rps += r.rps();
      r.errorsByClass().forEach((k, v) -> byClass.merge(k, v, Long::sum));
      GeneratorFile.Row g = s.generator();
      if (g != null) {
        if (g.bound()) bound.add(names.get(i));
        if (worst == null
            || g.lagMs() + g.behindMs() + g.cpuPercent()
                > worst.lagMs() + worst.behindMs() + worst.cpuPercent()) worst = g;
      }
    }
    h.setStartTimeStamp(start == Long.MAX_VALUE ? epochMs : start);
    h.setEndTimeStamp(Math.max(end, h.getStartTimeStamp()));
    total.add(h);
    sent += (long) sentNow;
    completed += (long) completedNow;
    errors += (long) errorsNow;
    dropped += (long) droppedNow;
    peakRps = Math.max(peakRps, rps);
    if (worst != null) {
      merged.acceptGenerator(
          worst.withLoader(bound.isEmpty() ? String.join("+", names) : String.join("+", bound)));
    }
    merged.acceptHistogram(h);
    merged.accept(
        new LoadSeriesFile.Row(
            epochMs,
            second,
            phase,
            target,
            active,
            sentNow,
            completedNow,
            errorsNow,
            droppedNow,
            rps,
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(90) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0,
            h.getMaxValue() / 1000.0,
            byClass));
  }

  private AgentMessage.Second onController(int i, AgentMessage.Second s) {
    ClockOffset c = clocks.get(i);
    LoadSeriesFile.Row r = s.row();
    LoadSeriesFile.Row moved =
        new LoadSeriesFile.Row(
            c.toController(r.epochMs()),
            r.second(),
            r.phase(),
            r.target(),
            r.active(),
            r.sent(),
            r.completed(),
            r.errors(),
            r.dropped(),
            r.rps(),
            r.p50Ms(),
            r.p90Ms(),
            r.p99Ms(),
            r.p999Ms(),
            r.maxMs(),
            r.errorsByClass());
    GeneratorFile.Row g = s.generator();
    GeneratorFile.Row gm =
        g == null
            ? null
            : new GeneratorFile.Row(
                    c.toController(g.epochMs()),
                    g.second(),
                    g.loader(),
                    g.cpuPercent(),
                    g.lagMs(),
                    g.behindMs(),
                    g.cores())
                .withLoader(names.get(i));
    return new AgentMessage.Second(
        moved,
        s.histogram(),
        c.toController(s.histogramStartMs()),
        c.toController(s.histogramEndMs()),
        gm);
  }

  private static Histogram histogram(AgentMessage.Second s) {
    Histogram h = AgentCodec.histogram(s.histogram());
    h.setStartTimeStamp(s.histogramStartMs());
    h.setEndTimeStamp(s.histogramEndMs());
    return h;
  }

  public long sent() {
    return sent;
  }

  public long completed() {
    return completed;
  }

  public long errors() {
    return errors;
  }

  public long dropped() {
    return dropped;
  }

  public double peakRps() {
    return peakRps;
  }

  /** Latency over every merged second, microseconds. */
  public Histogram total() {
    return total;
  }
}
