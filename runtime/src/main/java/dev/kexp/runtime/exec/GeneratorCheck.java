package dev.kexp.runtime.exec;

import dev.kexp.runtime.load.GeneratorWriter;
import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * A load phase's check of its own generator: every loader's seconds go to generator.csv, and the
 * seconds where a loader was saturated are recorded as a {@link Event#GENERATOR_BOUND} event and
 * said in the log; a breakpoint found in such seconds is doubtful.
 */
public final class GeneratorCheck implements AutoCloseable {
  private final GeneratorWriter writer;
  private final TreeSet<Long> bound = new TreeSet<>();
  private final TreeSet<String> loaders = new TreeSet<>();

  public GeneratorCheck(RunContext run) throws IOException {
    this.writer = new GeneratorWriter(run.dir());
  }

  /** Records one loader's second. */
  public synchronized void record(GeneratorFile.Row row) {
    if (row == null) return;
    writer.write(row);
    if (row.bound()) {
      bound.add(row.second());
      loaders.add(row.loader());
    }
  }

  /** {@code next}, with this machine's own seconds recorded as loader {@code name}. */
  public SecondSink tee(SecondSink next, String name) {
    return new SecondSink() {
      @Override
      public void acceptGenerator(GeneratorFile.Row second) {
        GeneratorFile.Row named = second == null ? null : second.withLoader(name);
        record(named);
        next.acceptGenerator(named);
      }

      @Override
      public void acceptHistogram(Histogram interval) {
        next.acceptHistogram(interval);
      }

      @Override
      public void accept(LoadSeriesFile.Row row) {
        next.accept(row);
      }
    };
  }

  /** Whether any second of {@code from..to} (inclusive) was generator-bound. */
  public synchronized boolean boundWithin(long from, long to) {
    Long s = bound.ceiling(from);
    return s != null && s <= to;
  }

  /** Records the phase's generator-bound seconds, if any, in events.jsonl and the log. */
  public synchronized void report(RunContext run, String phase) {
    if (bound.isEmpty()) return;
    String message =
        GeneratorFile.BOUND_TEXT
            + " ("
            + bound.size()
            + (bound.size() == 1 ? " second" : " seconds")
            + " from second "
            + bound.first()
            + ", on "
            + String.join(", ", loaders)
            + ")";
    run.event(
        Event.GENERATOR_BOUND,
        phase,
        0,
        Map.of(
            "seconds",
            bound.size(),
            "first",
            bound.first(),
            "loaders",
            List.copyOf(loaders),
            "message",
            message));
    run.log().println("  " + message);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
