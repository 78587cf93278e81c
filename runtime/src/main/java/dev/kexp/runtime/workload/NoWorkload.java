package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/** A file without a workload: nothing is deployed or removed, and load needs a URL of its own. */
final class NoWorkload implements WorkloadDriver {
  static final NoWorkload INSTANCE = new NoWorkload();

  public String describe() {
    return "no workload";
  }

  public LoadTarget endpoint(Cluster c) {
    return null;
  }

  public List<Step> setup(String phase, Cluster c, boolean exposed) {
    return List.of();
  }

  public List<Step> teardown(String phase, Cluster c) {
    return List.of();
  }
}
