package dev.kexp.runtime.load;

import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The one-line status of a running load: rewritten in place every second on a terminal, printed as
 * a plain line every 5 s otherwise (CI logs, files), so a 30-minute run neither floods a log nor
 * looks frozen. Passes every row on.
 */
public final class LiveStatus implements SecondSink {
  private final SecondSink next;
  private final PrintStream out;
  private final Duration total;
  private final boolean terminal;
  private final String indent;
  private boolean dirty;
  private GeneratorFile.Row generator;

  public LiveStatus(SecondSink next, PrintStream out, Duration total, String indent) {
    this(next, out, total, indent, System.console() != null);
  }

  LiveStatus(SecondSink next, PrintStream out, Duration total, String indent, boolean terminal) {
    this.next = next;
    this.out = out;
    this.total = total;
    this.indent = indent;
    this.terminal = terminal;
  }

  @Override
  public void acceptHistogram(org.HdrHistogram.Histogram interval) {
    next.acceptHistogram(interval);
  }

  @Override
  public void acceptGenerator(GeneratorFile.Row second) {
    next.acceptGenerator(second);
    generator = second;
  }

  @Override
  public void accept(LoadSeriesFile.Row r) {
    next.accept(r);
    String line = line(r, total);
    if (generator != null && generator.bound())
      line += "  GENERATOR-BOUND (" + generator.why() + ")";
    generator = null;
    if (terminal) {
      out.print("\r" + indent + line + "\u001b[K");
      out.flush();
      dirty = true;
    } else if ((r.second() + 1) % 5 == 0) {
      out.println(indent + line);
    }
  }

  /** Ends the in-place line, so what is printed next starts on a line of its own. */
  public void finish() {
    if (dirty) out.println();
    dirty = false;
  }

  static String line(LoadSeriesFile.Row r, Duration total) {
    return String.format(
        Locale.ROOT,
        "%ds/%ds  %s %.0f  active %d  %.0f req/s  p99 %.2f ms  errors %d%s",
        r.second() + 1,
        total.toSeconds(),
        r.phase(),
        r.target(),
        (long) r.active(),
        r.rps(),
        r.p99Ms(),
        (long) r.errors(),
        r.dropped() > 0 ? "  dropped " + (long) r.dropped() : "");
  }
}
