package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.workload.Workloads;

/** Removes the workload through its driver. */
public final class RemoveWorkloadRunner implements StepRunner<Step.RemoveWorkload> {
  public Class<Step.RemoveWorkload> type() {
    return Step.RemoveWorkload.class;
  }

  public void run(Step.RemoveWorkload step, RunContext run) throws Exception {
    Workloads.of(step.workload()).remove(run.cluster());
  }
}
