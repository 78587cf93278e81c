package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** {@code apply deployment(...)}: waits for the rollout; an exposed one is where load goes. */
public final class ApplyDeploymentRunner implements StepRunner<Step.ApplyDeployment> {
  public Class<Step.ApplyDeployment> type() {
    return Step.ApplyDeployment.class;
  }

  public void run(Step.ApplyDeployment step, RunContext run) throws Exception {
    String url = run.cluster().apply(step.deployment(), step.exposed());
    if (step.exposed()) run.workloadUrl = url;
  }
}
