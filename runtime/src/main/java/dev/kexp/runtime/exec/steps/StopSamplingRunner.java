package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** Stops sampling and records what it cost. */
public final class StopSamplingRunner implements StepRunner<Step.StopSampling> {
  public Class<Step.StopSampling> type() {
    return Step.StopSampling.class;
  }

  public void run(Step.StopSampling step, RunContext run) throws Exception {
    run.stopSampling();
  }
}
