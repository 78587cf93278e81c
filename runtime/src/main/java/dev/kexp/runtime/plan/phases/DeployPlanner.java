package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;

/** {@code deploy}: the workload's setup steps (its driver says which). */
public final class DeployPlanner implements PhasePlanner<Phase.Deploy> {
  public Class<Phase.Deploy> type() {
    return Phase.Deploy.class;
  }

  public void plan(Phase.Deploy p, PlanContext plan) {
    plan.addAll(plan.workload().setup(plan.label(p), plan.cluster(), plan.loadTargetsWorkload()));
  }
}
