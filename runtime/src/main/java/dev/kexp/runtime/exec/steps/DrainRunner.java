package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import java.util.List;
import java.util.Map;

/** Cordons and drains one worker, recording the pods it evicted. */
public final class DrainRunner implements StepRunner<Step.Drain> {
  public Class<Step.Drain> type() {
    return Step.Drain.class;
  }

  public void run(Step.Drain step, RunContext run) throws Exception {
    List<String> evicted = run.cluster().drain(step.node());
    run.event(Event.DRAINED, Map.of(EventsFile.NODE, step.node(), EventsFile.EVICTED, evicted));
  }
}
