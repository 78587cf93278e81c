package dev.kexp.dsl.spec;

import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.SourceRef;
import java.util.Map;

/** Workload constructors shared by the blocks that accept them. */
final class Workloads {
  private Workloads() {}

  static Deployment deployment(Spec spec, Evaluation ev, Map<String, Object> args, String name) {
    spec.onlyKeys("deployment", args, Spec.keys("image", "replicas", "port"));
    SourceRef at = ev.here("deployment");
    String image = spec.string("deployment", "image", args.get("image"));
    Integer replicas =
        args.containsKey("replicas")
            ? spec.integer("deployment", "replicas", args.get("replicas"))
            : Integer.valueOf(1);
    Integer port =
        args.containsKey("port")
            ? spec.integer("deployment", "port", args.get("port"))
            : Integer.valueOf(80);
    if (replicas != null && replicas < 0)
      ev.error(at, "deployment replicas cannot be negative, got " + replicas);
    if (port != null && (port < 1 || port > 65535))
      ev.error(at, "deployment port must be between 1 and 65535, got " + port);
    return new Deployment(
        name, image, replicas == null ? 1 : replicas, port == null ? 80 : port, at);
  }
}
