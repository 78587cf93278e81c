package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.EmbeddedFunction;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/**
 * {@code function('factorial', arg: 500)}: served by kexp itself from the first step to the last.
 */
final class FunctionDriver implements WorkloadDriver {
  private final EmbeddedFunction f;

  FunctionDriver(EmbeddedFunction f) {
    this.f = f;
  }

  public String describe() {
    return "kexp's function " + f.name();
  }

  public LoadTarget endpoint(Cluster c) {
    return new LoadTarget.Function(f.name());
  }

  public List<Step> prepare() {
    return List.of(new Step.ServeFunction("prepare", f.name(), f.arg()));
  }

  public List<Step> finish() {
    return List.of(new Step.StopFunction("finish", f.name()));
  }

  /** Nothing to deploy: kexp serves it from the run's start. */
  public List<Step> setup(String phase, Cluster c, boolean exposed) {
    return List.of();
  }

  public List<Step> teardown(String phase, Cluster c) {
    return List.of();
  }
}
