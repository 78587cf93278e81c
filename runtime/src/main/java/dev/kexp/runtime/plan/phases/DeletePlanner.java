package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code delete deployment('nginx')}. */
public final class DeletePlanner implements PhasePlanner<Phase.Delete> {
  public Class<Phase.Delete> type() {
    return Phase.Delete.class;
  }

  public void plan(Phase.Delete p, PlanContext plan) {
    plan.add(
        new Step.DeleteDeployment(
            plan.label(p),
            p.name(),
            "delete " + p.kind() + " " + p.name() + " and wait until its pods are gone"));
  }
}
