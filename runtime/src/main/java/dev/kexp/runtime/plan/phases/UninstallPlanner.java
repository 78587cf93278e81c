package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;

/** {@code uninstall}: the workload's teardown, then the workers leave before the master goes. */
public final class UninstallPlanner implements PhasePlanner<Phase.Uninstall> {
  public Class<Phase.Uninstall> type() {
    return Phase.Uninstall.class;
  }

  public void plan(Phase.Uninstall p, PlanContext plan) {
    if (plan.cluster().local()) return;
    Cluster c = plan.cluster();
    String w = plan.label(p);
    plan.addAll(plan.workload().teardown(w, c));
    Distro d = plan.distro();
    Setup s = plan.setup();
    String what = "uninstall " + c.distro().word() + " and clean up";
    for (Node n : c.workers()) plan.add(PlanContext.onNode(w, n, what, d.uninstall(s, false)));
    plan.add(PlanContext.onNode(w, c.master(), what, d.uninstall(s, true)));
  }
}
