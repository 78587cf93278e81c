package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/**
 * {@code startMaster}: the control plane started on the prepared master, its CNI applied, timed
 * until the master is Ready (a k0s controller, not a node itself, until its API answers); then its
 * kubeconfig, fetched anew since a cluster started again may have new credentials.
 */
public final class StartMasterPlanner implements PhasePlanner<Phase.StartMaster> {
  public Class<Phase.StartMaster> type() {
    return Phase.StartMaster.class;
  }

  public void plan(Phase.StartMaster p, PlanContext plan) {
    Cluster c = plan.cluster();
    plan.add(
        PlanContext.onNode(
            plan.label(p),
            c.master(),
            "start the " + c.distro().word() + " control plane",
            ClusterLifecycle.startMaster(plan)));
    // A lifecycle that starts a cluster installed before the run (the second seed) has no
    // install phase: its Kubernetes steps need the kubeconfig from here.
    plan.add(
        new Step.FetchKubeconfig(
            plan.label(p), c.master().host(), plan.distro().kubeconfig(plan.setup())));
  }
}
