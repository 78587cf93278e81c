package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code idle 5.min}: the idle window between lifecycle events. */
public final class IdlePlanner implements PhasePlanner<Phase.Idle> {
  public Class<Phase.Idle> type() {
    return Phase.Idle.class;
  }

  public void plan(Phase.Idle p, PlanContext plan) {
    plan.add(new Step.Wait(plan.label(p), p.duration()));
  }
}
