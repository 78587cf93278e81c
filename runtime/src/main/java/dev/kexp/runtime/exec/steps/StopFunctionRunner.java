package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** Stops kexp's own function. */
public final class StopFunctionRunner implements StepRunner<Step.StopFunction> {
  public Class<Step.StopFunction> type() {
    return Step.StopFunction.class;
  }

  public void run(Step.StopFunction step, RunContext run) throws Exception {
    run.stopFunction();
  }
}
