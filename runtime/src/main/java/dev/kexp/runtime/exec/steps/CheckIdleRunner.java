package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.PlatformProcesses;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Asks every node which platform processes it runs, records the answer (events.jsonl and the run's
 * manifest entry), and warns for each node that is not idle. It does not fail the run: what was
 * left is a fact about the measurement, for the researcher to judge.
 */
public final class CheckIdleRunner implements StepRunner<Step.CheckIdle> {
  public Class<Step.CheckIdle> type() {
    return Step.CheckIdle.class;
  }

  public void run(Step.CheckIdle step, RunContext run) throws Exception {
    Map<String, Map<String, Integer>> found = new ConcurrentSkipListMap<>();
    run.fanout(
        step.nodes(),
        node -> {
          Map<String, Integer> running =
              PlatformProcesses.parse(run.runOn(node, step.describe(), step.probe(), false));
          found.put(node, running);
          run.manifest().runFact(run.run().id(), node, "platform_processes", running);
        });
    run.event(Event.IDLE_CHECK, Map.of(EventsFile.NODES, found));
    found.forEach(
        (node, running) -> {
          if (!running.isEmpty())
            run.warn(
                node
                    + " is not idle at the start of the run: it runs "
                    + PlatformProcesses.describe(running)
                    + " (left from before? its idle phases measure what is left running)");
        });
  }
}
