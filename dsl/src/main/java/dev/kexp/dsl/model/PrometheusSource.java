package dev.kexp.dsl.model;

import java.util.Map;

/** {@code prometheus 'http://node0:30090', queries: [cpu: '...']}: named PromQL queries. */
public record PrometheusSource(String url, Map<String, String> queries, SourceRef at) {
  public PrometheusSource {
    queries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queries));
  }
}
