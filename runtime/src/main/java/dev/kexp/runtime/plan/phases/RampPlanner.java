package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/** {@code ramp 0..20000 over 30.min}: closed-model users grow linearly. */
public final class RampPlanner implements PhasePlanner<Phase.Ramp> {
  public Class<Phase.Ramp> type() {
    return Phase.Ramp.class;
  }

  public void plan(Phase.Ramp p, PlanContext plan) {
    LoadSteps.add(
        plan, p, List.of(new Step.Segment(Step.LoadModel.CLOSED, p.from(), p.to(), p.over())));
  }
}
