package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** {@code delete deployment(...)}: waits until its pods are gone. */
public final class DeleteDeploymentRunner implements StepRunner<Step.DeleteDeployment> {
  public Class<Step.DeleteDeployment> type() {
    return Step.DeleteDeployment.class;
  }

  public void run(Step.DeleteDeployment step, RunContext run) throws Exception {
    run.cluster().delete(step.name());
  }
}
