package dev.kexp.dsl.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code metrics { ... }}: what is sampled while phases run. {@code nodesEvery} is null when node
 * resources are not sampled.
 */
public record Metrics(
    Duration nodesEvery,
    List<ReplicaWatch> replicas,
    List<PrometheusSource> prometheus,
    SourceRef at) {
  public Metrics {
    replicas = List.copyOf(replicas);
    prometheus = List.copyOf(prometheus);
  }

  public static Metrics none() {
    return new Metrics(null, List.of(), List.of(), SourceRef.NONE);
  }
}
