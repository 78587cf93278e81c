package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.plan.Step;

/** {@code apply deployment(...)}. */
public final class ApplyPlanner implements PhasePlanner<Phase.Apply> {
  public Class<Phase.Apply> type() {
    return Phase.Apply.class;
  }

  public void plan(Phase.Apply p, PlanContext plan) {
    Deployment d = p.deployment();
    // Load aimed at a Deployment workload of the same name goes to this one.
    boolean exposed = plan.loadTargetsWorkload() && plan.workload().isServedBy(d);
    plan.add(
        new Step.ApplyDeployment(
            plan.label(p), d, exposed, "apply " + Plans.describe(d) + " and wait for the rollout"));
  }
}
