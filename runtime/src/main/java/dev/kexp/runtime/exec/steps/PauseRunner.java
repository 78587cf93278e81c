package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** The pause between repetitions. */
public final class PauseRunner implements StepRunner<Step.Pause> {
  public Class<Step.Pause> type() {
    return Step.Pause.class;
  }

  public void run(Step.Pause step, RunContext run) throws Exception {
    run.sleep(step.duration());
  }
}
