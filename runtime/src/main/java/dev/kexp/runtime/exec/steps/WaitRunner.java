package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** Idle and cooldown windows: sampling goes on. */
public final class WaitRunner implements StepRunner<Step.Wait> {
  public Class<Step.Wait> type() {
    return Step.Wait.class;
  }

  public void run(Step.Wait step, RunContext run) throws Exception {
    run.sleep(step.duration());
  }
}
