package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code cooldown 2.min}: no load while sampling goes on. */
public final class CooldownPlanner implements PhasePlanner<Phase.Cooldown> {
  public Class<Phase.Cooldown> type() {
    return Phase.Cooldown.class;
  }

  public void plan(Phase.Cooldown p, PlanContext plan) {
    plan.add(new Step.Wait(plan.label(p), p.duration()));
  }
}
