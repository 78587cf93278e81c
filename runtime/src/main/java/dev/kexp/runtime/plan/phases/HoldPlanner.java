package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/** {@code hold 200 over 5.min}: a constant number of users. */
public final class HoldPlanner implements PhasePlanner<Phase.Hold> {
  public Class<Phase.Hold> type() {
    return Phase.Hold.class;
  }

  public void plan(Phase.Hold p, PlanContext plan) {
    LoadSteps.add(
        plan, p, List.of(new Step.Segment(Step.LoadModel.CLOSED, p.users(), p.users(), p.over())));
  }
}
