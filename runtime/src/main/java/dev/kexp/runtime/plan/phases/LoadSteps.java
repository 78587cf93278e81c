package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Load;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.Target;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.LoaderShares;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.plan.Threshold;
import dev.kexp.runtime.workload.WorkloadDriver;
import java.util.List;

/** The one load step the four load phases share; each gives its own segments. */
final class LoadSteps {
  private LoadSteps() {}

  static void add(PlanContext plan, Phase.LoadPhase p, List<Step.Segment> segments) {
    Load load = plan.experiment().load();
    WorkloadDriver workload = plan.workload();
    LoadTarget target;
    String method = load.method();
    String body = load.body();
    if (load.target() instanceof Target.Url u) {
      target = new LoadTarget.Url(u.url());
    } else {
      target = workload.endpoint(plan.cluster());
      if (method == null) method = workload.method();
      if (body == null) body = workload.body();
    }
    if (method == null) method = "GET";
    List<Step.Header> headers =
        load.headers().stream().map(h -> new Step.Header(h.name(), h.value(), h.secret())).toList();
    List<Threshold> thresholds =
        plan.experiment().thresholds().stream().map(Threshold::of).toList();
    Step.Load step =
        new Step.Load(
            plan.label(p),
            target,
            method,
            body,
            load.timeout(),
            load.think(),
            headers,
            segments,
            thresholds);
    List<String> loaders = plan.cluster().loaders().stream().map(n -> n.host()).toList();
    if (plan.cluster().local() || loaders.isEmpty()) {
      plan.add(step);
    } else {
      // From the loaders, each with its share; without any, from this machine.
      plan.add(new Step.LoadFromLoaders(step.phase(), step, LoaderShares.split(segments, loaders)));
    }
  }
}
