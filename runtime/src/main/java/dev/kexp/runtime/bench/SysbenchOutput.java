package dev.kexp.runtime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code sysbench ... run} printed, parsed: the summary (transactions and queries per
 * second, latency in ms, errors, reconnects) and the intermediate lines of {@code
 * --report-interval} as a series. Parsed from the text sysbench 1.0 prints, so a captured output
 * parses the same as a live one.
 *
 * @param seconds the run's total time
 */
public record SysbenchOutput(
    int threads,
    double seconds,
    long transactions,
    double tps,
    double qps,
    double readQps,
    double writeQps,
    double otherQps,
    double errorsPerSecond,
    double reconnectsPerSecond,
    double latencyMinMs,
    double latencyAvgMs,
    double latencyMaxMs,
    double latencyP95Ms,
    List<Interval> series) {

  /** One intermediate line: {@code [ 2s ] thds: 4 tps: 413.05 qps: 8351.95 (r/w/o: ...) ...}. */
  public record Interval(
      int second,
      int threads,
      double tps,
      double qps,
      double readQps,
      double writeQps,
      double otherQps,
      double latencyP95Ms,
      double errorsPerSecond,
      double reconnectsPerSecond) {}

  public SysbenchOutput {
    series = List.copyOf(series);
  }

  private static final String NUM = "([0-9]+(?:\\.[0-9]+)?)";

  private static final Pattern INTERVAL =
      Pattern.compile(
          "^\\[\\s*"
              + NUM
              + "s\\s*]\\s+thds:\\s*"
              + NUM
              + "\\s+tps:\\s*"
              + NUM
              + "\\s+qps:\\s*"
              + NUM
              + "\\s+\\(r/w/o:\\s*"
              + NUM
              + "/"
              + NUM
              + "/"
              + NUM
              + "\\)\\s+lat \\(ms,[0-9.]+%\\):\\s*"
              + NUM
              + "\\s+err/s:\\s*"
              + NUM
              + "\\s+reconn/s:\\s*"
              + NUM,
          Pattern.MULTILINE);

  /**
   * Parses a run's output.
   *
   * @throws IllegalArgumentException naming what is missing, when the text is not a finished run
   *     (the FATAL lines sysbench printed, if any, are in the message)
   */
  public static SysbenchOutput parse(String text) {
    List<String> fatal =
        text.lines().filter(l -> l.startsWith("FATAL:")).map(String::strip).toList();
    if (!fatal.isEmpty()) {
      throw new IllegalArgumentException("sysbench failed: " + String.join(" ", fatal));
    }
    double seconds = number(text, "total time:\\s*" + NUM + "s", "total time");
    long transactions = (long) number(text, "transactions:\\s*" + NUM, "transactions");
    double tps =
        number(text, "transactions:\\s*[0-9]+\\s*\\(" + NUM + " per sec", "transactions/s");
    double qps = number(text, "queries:\\s*[0-9]+\\s*\\(" + NUM + " per sec", "queries/s");
    double read = number(text, "read:\\s*" + NUM, "read queries");
    double write = number(text, "write:\\s*" + NUM, "write queries");
    double other = number(text, "other:\\s*" + NUM, "other queries");
    double errors =
        number(text, "ignored errors:\\s*[0-9]+\\s*\\(" + NUM + " per sec", "ignored errors");
    double reconnects =
        number(text, "reconnects:\\s*[0-9]+\\s*\\(" + NUM + " per sec", "reconnects");
    double min = number(text, "min:\\s*" + NUM, "latency min");
    double avg = number(text, "avg:\\s*" + NUM, "latency avg");
    double max = number(text, "max:\\s*" + NUM, "latency max");
    double p95 = number(text, "[0-9]+th percentile:\\s*" + NUM, "latency percentile");
    int threads = (int) number(text, "Number of threads:\\s*" + NUM, "number of threads");
    List<Interval> series = new ArrayList<>();
    Matcher m = INTERVAL.matcher(text);
    while (m.find()) {
      series.add(
          new Interval(
              (int) d(m, 1),
              (int) d(m, 2),
              d(m, 3),
              d(m, 4),
              d(m, 5),
              d(m, 6),
              d(m, 7),
              d(m, 8),
              d(m, 9),
              d(m, 10)));
    }
    return new SysbenchOutput(
        threads,
        seconds,
        transactions,
        tps,
        qps,
        seconds > 0 ? read / seconds : 0,
        seconds > 0 ? write / seconds : 0,
        seconds > 0 ? other / seconds : 0,
        errors,
        reconnects,
        min,
        avg,
        max,
        p95,
        series);
  }

  private static double d(Matcher m, int group) {
    return Double.parseDouble(m.group(group));
  }

  private static double number(String text, String regex, String what) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "sysbench printed no " + what + " (not the output of a finished run)");
    }
    return Double.parseDouble(m.group(1));
  }
}
