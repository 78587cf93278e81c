package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/** {@code deployment('nginx', ...)}: a Deployment, and a NodePort Service when load goes to it. */
final class DeploymentDriver implements WorkloadDriver {
  private final Deployment d;

  DeploymentDriver(Deployment d) {
    this.d = d;
  }

  public String describe() {
    return Plans.describe(d);
  }

  public LoadTarget endpoint(Cluster c) {
    return new LoadTarget.Endpoint(
        d.word(), "http://" + c.master().host() + ":<nodePort of " + d.name() + ">/");
  }

  public boolean isServedBy(Deployment other) {
    return other.name().equals(d.name());
  }

  public List<Step> setup(String phase, Cluster c, boolean exposed) {
    return List.of(new Step.DeployWorkload(phase, d, exposed, "deploy " + describe()));
  }

  public List<Step> teardown(String phase, Cluster c) {
    return List.of(new Step.RemoveWorkload(phase, d, "remove " + describe()));
  }

  public String deploy(ClusterSteps cluster, boolean exposed) {
    return cluster.apply(d, exposed);
  }

  public void remove(ClusterSteps cluster) {
    cluster.deleteWithService(d.name(), d.port());
  }
}
