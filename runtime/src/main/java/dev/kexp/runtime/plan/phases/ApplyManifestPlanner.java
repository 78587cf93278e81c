package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code apply manifest('file.yaml')}. */
public final class ApplyManifestPlanner implements PhasePlanner<Phase.ApplyManifest> {
  public Class<Phase.ApplyManifest> type() {
    return Phase.ApplyManifest.class;
  }

  public void plan(Phase.ApplyManifest p, PlanContext plan) {
    String path = p.manifest().path();
    plan.add(
        new Step.ApplyManifest(
            plan.label(p),
            path,
            "apply the objects of " + path + " and wait for the rollout of its Deployments"));
  }
}
