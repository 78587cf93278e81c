package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.bench.SysbenchOutput;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepFailed;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.BenchmarksFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * sysbench's prepare, then each thread count in turn. Each level's output is kept raw, parsed and
 * appended to benchmarks.csv as soon as it ends, so a failure or a kill keeps the levels before it.
 * sysbench prints its errors on stdout, so a failure's message quotes its FATAL lines.
 */
public final class SysbenchRunner implements StepRunner<Step.Sysbench> {
  public Class<Step.Sysbench> type() {
    return Step.Sysbench.class;
  }

  /** The value that tells the cleanup its sysbench began to prepare tables. */
  static String began(String test) {
    return "sysbench-began-" + test;
  }

  public void run(Step.Sysbench s, RunContext run) throws Exception {
    Step.MysqlTarget t = s.target();
    String what = "sysbench " + s.test();
    if (t.isWorkload()) {
      if (!run.hasValue(Step.MysqlTarget.HOST)) {
        throw new StepFailed(
            what
                + ": the mysql workload's server is not up; add deploy before sysbench in"
                + " phases { }",
            null);
      }
    } else {
      String password;
      try {
        password = t.password() == null ? "" : t.password().reveal();
      } catch (IllegalStateException e) {
        throw new StepFailed(what + " against " + t + ": " + e.getMessage(), e);
      }
      run.nodes().redactor().add(password);
      run.keepValue(Step.MysqlTarget.PASSWORD, Plans.shellWord(password), true);
    }
    run.keepValue(began(s.test()), "yes", false);
    String prepare = what + " prepare on " + s.node();
    run.say("%s", prepare);
    Remote.CommandResult r = run.result(s.node(), prepare, s.prepare());
    if (!r.ok()) throw failed(prepare, r, t, run);
    for (int n : s.threads()) {
      if (run.stopping()) return;
      String level = what + " at " + n + " threads on " + s.node();
      r = run.result(s.node(), level, s.level(n));
      String raw = run.nodes().redactor().redact(r.stdout() + r.stderr());
      BenchmarksFile.raw(run.dir(), "sysbench-" + s.test() + "-" + n + "-threads.txt", raw);
      if (!r.ok()) throw failed(level, r, t, run);
      SysbenchOutput out;
      try {
        out = SysbenchOutput.parse(r.stdout());
      } catch (IllegalArgumentException e) {
        throw new StepFailed(level + ": " + e.getMessage(), e);
      }
      record(s, n, out, run);
      run.say(
          "%d threads: %.1f transactions/s, %.1f queries/s, latency avg %.2f ms, p95 %.2f ms,"
              + " %.2f errors/s",
          n, out.tps(), out.qps(), out.latencyAvgMs(), out.latencyP95Ms(), out.errorsPerSecond());
    }
  }

  private static void record(Step.Sysbench s, int n, SysbenchOutput out, RunContext run)
      throws java.io.IOException {
    String cell = run.run().cell();
    int rep = run.run().repetition();
    long now = System.currentTimeMillis();
    List<BenchmarksFile.Row> rows = new ArrayList<>();
    Object[][] metrics = {
      {"tps", out.tps(), "1/s"},
      {"qps", out.qps(), "1/s"},
      {"read_qps", out.readQps(), "1/s"},
      {"write_qps", out.writeQps(), "1/s"},
      {"other_qps", out.otherQps(), "1/s"},
      {"lat_min_ms", out.latencyMinMs(), "ms"},
      {"lat_avg_ms", out.latencyAvgMs(), "ms"},
      {"lat_max_ms", out.latencyMaxMs(), "ms"},
      {"lat_p95_ms", out.latencyP95Ms(), "ms"},
      {"errors_per_s", out.errorsPerSecond(), "1/s"},
      {"reconnects_per_s", out.reconnectsPerSecond(), "1/s"},
      {"transactions", (double) out.transactions(), "1"},
      {"seconds", out.seconds(), "s"}
    };
    for (Object[] m : metrics) {
      rows.add(
          new BenchmarksFile.Row(
              cell,
              rep,
              s.node(),
              "sysbench",
              s.test(),
              n,
              0,
              0,
              (String) m[0],
              (double) m[1],
              (String) m[2],
              now));
    }
    BenchmarksFile.append(run.dir(), rows);
    List<BenchmarksFile.SeriesRow> series = new ArrayList<>();
    for (SysbenchOutput.Interval i : out.series()) {
      series.add(
          new BenchmarksFile.SeriesRow(
              cell,
              rep,
              s.node(),
              s.test(),
              n,
              i.second(),
              i.tps(),
              i.qps(),
              i.readQps(),
              i.writeQps(),
              i.otherQps(),
              i.latencyP95Ms(),
              i.errorsPerSecond(),
              i.reconnectsPerSecond()));
    }
    if (!series.isEmpty()) BenchmarksFile.appendSeries(run.dir(), series);
  }

  private static StepFailed failed(
      String step, Remote.CommandResult r, Step.MysqlTarget t, RunContext run) {
    String out = run.nodes().redactor().redact(r.stdout() + "\n" + r.stderr());
    List<String> fatal =
        out.lines().filter(l -> l.startsWith("FATAL:")).map(String::strip).toList();
    String why =
        fatal.isEmpty()
            ? out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output")
            : String.join("\n    ", fatal);
    String hint = "";
    if (out.contains("error 1045")) {
      hint =
          t.isWorkload()
              ? "\n  (the server refused the login kexp set up)"
              : "\n  (check the user and the password"
                  + (t.password() == null ? ": the target has none" : " in " + t.password())
                  + ")";
    } else if (out.contains("command not found") || r.exit() == 127) {
      hint = "\n  (sysbench is not installed on the node)";
    }
    return new StepFailed(
        String.format(
            Locale.ROOT,
            "%s: sysbench exited with status %d:%n    %s%s",
            step,
            r.exit(),
            why,
            hint),
        null);
  }
}
