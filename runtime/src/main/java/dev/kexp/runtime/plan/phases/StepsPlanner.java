package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code steps 1, 25, 50 each 1.min}: users in steps, each held for {@code each}. */
public final class StepsPlanner implements PhasePlanner<Phase.Steps> {
  public Class<Phase.Steps> type() {
    return Phase.Steps.class;
  }

  public void plan(Phase.Steps p, PlanContext plan) {
    LoadSteps.add(
        plan,
        p,
        p.levels().stream()
            .map(l -> new Step.Segment(Step.LoadModel.CLOSED, l, l, p.each()))
            .toList());
  }
}
