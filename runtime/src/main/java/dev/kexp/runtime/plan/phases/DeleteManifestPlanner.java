package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code delete manifest('file.yaml')}. */
public final class DeleteManifestPlanner implements PhasePlanner<Phase.DeleteManifest> {
  public Class<Phase.DeleteManifest> type() {
    return Phase.DeleteManifest.class;
  }

  public void plan(Phase.DeleteManifest p, PlanContext plan) {
    String path = p.manifest().path();
    plan.add(new Step.DeleteManifest(plan.label(p), path, "delete the objects of " + path));
  }
}
