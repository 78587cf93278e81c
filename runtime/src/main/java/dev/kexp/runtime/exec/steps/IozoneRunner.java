package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.bench.IozoneOutput;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepFailed;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.BenchmarksFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** IOzone on one node; its table is kept raw, parsed and appended to benchmarks.csv at once. */
public final class IozoneRunner implements StepRunner<Step.Iozone> {
  public Class<Step.Iozone> type() {
    return Step.Iozone.class;
  }

  public void run(Step.Iozone s, RunContext run) throws Exception {
    String step = "iozone on " + s.node();
    Remote.CommandResult r = run.result(s.node(), step, s.command());
    String raw = run.nodes().redactor().redact(r.stdout() + r.stderr());
    BenchmarksFile.raw(
        run.dir(), "iozone-" + s.node() + "-" + s.fileKb() + "k-" + s.recordKb() + "k.txt", raw);
    IozoneOutput out;
    try {
      out = IozoneOutput.parse(r.stdout() + "\n" + r.stderr());
    } catch (IllegalArgumentException e) {
      throw new StepFailed(
          step + ": iozone exited with status " + r.exit() + ": " + e.getMessage(), e);
    }
    if (!r.ok()) {
      throw new StepFailed(step + ": iozone exited with status " + r.exit(), null);
    }
    List<BenchmarksFile.Row> rows = new ArrayList<>();
    long now = System.currentTimeMillis();
    StringBuilder said = new StringBuilder();
    for (IozoneOutput.Row row : out.rows()) {
      for (Map.Entry<String, Double> e : row.kbPerSecond().entrySet()) {
        rows.add(
            new BenchmarksFile.Row(
                run.run().cell(),
                run.run().repetition(),
                s.node(),
                "iozone",
                e.getKey(),
                0,
                row.fileKb(),
                row.recordKb(),
                "throughput",
                e.getValue(),
                "kB/s",
                now));
        if (said.length() > 0) said.append(", ");
        said.append(e.getKey()).append(' ').append(Math.round(e.getValue() / 1024)).append(" MB/s");
      }
    }
    BenchmarksFile.append(run.dir(), rows);
    run.say("%s: %s", s.node(), said);
  }
}
