package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/** {@code rate 0..20000 over 30.min}: open-model arrivals per second grow linearly. */
public final class RatePlanner implements PhasePlanner<Phase.Rate> {
  public Class<Phase.Rate> type() {
    return Phase.Rate.class;
  }

  public void plan(Phase.Rate p, PlanContext plan) {
    LoadSteps.add(
        plan, p, List.of(new Step.Segment(Step.LoadModel.OPEN, p.from(), p.to(), p.over())));
  }
}
