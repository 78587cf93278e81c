package dev.kexp.runtime.load;

import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import org.HdrHistogram.Histogram;

/**
 * Receives a run's per-second results, on the thread that called {@link LoadEngine#run}, so an
 * implementation may block on I/O without disturbing the load.
 */
public interface SecondSink {

  void accept(LoadSeriesFile.Row row);

  /**
   * The latency histogram (microseconds) of the second whose row follows; its start and end time
   * stamps are wall-clock milliseconds. The histogram is not reused by the engine.
   */
  default void acceptHistogram(Histogram interval) {}

  /** How the generator itself fared in the second whose row follows (see {@link GeneratorFile}). */
  default void acceptGenerator(GeneratorFile.Row second) {}
}
