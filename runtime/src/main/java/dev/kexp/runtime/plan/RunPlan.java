package dev.kexp.runtime.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.kexp.dsl.model.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One repetition of one matrix cell: its steps, in order.
 *
 * @param cluster the cluster as the plan prints it (nodes, distribution, SSH login)
 * @param nodes the same cluster as the run reaches it: hosts, roles and SSH login (its passphrase a
 *     secret, carried and never printed); not written to plan.json, {@code cluster} says it all
 */
public record RunPlan(
    String id,
    String cell,
    int repetition,
    Map<String, String> settings,
    String cluster,
    @JsonIgnore Cluster nodes,
    List<Step> steps) {
  public RunPlan {
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    steps = List.copyOf(steps);
  }

  /** The directory of this run inside the results directory. */
  public String dir() {
    return "runs/" + Plans.safe(cell) + String.format("/rep-%02d", repetition);
  }

  /** How long the timed steps take; installs and deployments are not counted. */
  public Duration timed() {
    return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
  }
}
