package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import java.util.List;
import java.util.Map;

/**
 * A node's commands over its remote. Consecutive steps that do the same thing on different nodes
 * run together, in parallel up to {@code --forks}; the first failure cancels the others.
 */
public final class OnNodeRunner implements StepRunner<Step.OnNode> {
  public Class<Step.OnNode> type() {
    return Step.OnNode.class;
  }

  public boolean together(Step.OnNode step, Step next) {
    return step.parallelWith(next);
  }

  public void run(Step.OnNode step, RunContext run) throws Exception {
    runTogether(List.of(step), run);
  }

  public void runTogether(List<Step.OnNode> group, RunContext run) throws Exception {
    run.fanout(
        group,
        n -> {
          long start = System.nanoTime();
          run.runAll(n.node(), n.describe(), n.commands());
          // Each node's own time: the second paper reports the join of every worker.
          double seconds = Math.round((System.nanoTime() - start) / 1e6) / 1000.0;
          run.event(
              Event.NODE_STEP,
              Map.of(
                  EventsFile.NODE, n.node(),
                  EventsFile.ACTION, n.action(),
                  EventsFile.SECONDS, seconds));
        });
  }
}
