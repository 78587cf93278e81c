package dev.kexp.dsl.spec;

import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.Metrics;
import dev.kexp.dsl.model.PrometheusSource;
import dev.kexp.dsl.model.ReplicaWatch;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.vocabulary.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code metrics { nodes every: 5.s; replicas ...; prometheus ... }}. */
public final class MetricsSpec extends Spec {
  private static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);
  private final SourceRef at;
  private Duration nodesEvery;
  private final List<ReplicaWatch> replicas = new ArrayList<>();
  private final List<PrometheusSource> prometheus = new ArrayList<>();

  public MetricsSpec(Evaluation ev, SourceRef at) {
    super(ev, Block.METRICS);
    this.at = at;
  }

  @Override
  public Object propertyMissing(String name) {
    if (name.equals("nodes")) {
      nodes(Map.of());
      return null;
    }
    return super.propertyMissing(name);
  }

  public void nodes(Map<String, Object> args) {
    onlyKeys("nodes", args, keys("every"));
    nodesEvery = every("nodes", args);
  }

  public void replicas(Map<String, Object> args, String name) {
    onlyKeys("replicas", args, keys("namespace", "every"));
    String ns =
        args.containsKey("namespace")
            ? string("replicas", "namespace", args.get("namespace"))
            : "default";
    replicas.add(new ReplicaWatch(name, ns, every("replicas", args), ev.here("replicas")));
  }

  public void replicas(String name) {
    replicas(Map.of(), name);
  }

  public void prometheus(Map<String, Object> args, String url) {
    onlyKeys("prometheus", args, keys("queries"));
    Map<String, String> queries = new LinkedHashMap<>();
    Object q = args.get("queries");
    if (q instanceof Map<?, ?> m) {
      m.forEach((k, v) -> queries.put(String.valueOf(k), String.valueOf(v)));
    } else if (q != null) {
      ev.error(
          ev.here("prometheus"),
          "prometheus queries: expects a map of name: 'promql', got " + describe(q));
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      ev.error(ev.here("prometheus"), "prometheus '" + url + "' is not an http(s) URL");
    }
    prometheus.add(new PrometheusSource(url, queries, ev.here("prometheus")));
  }

  private Duration every(String keyword, Map<String, Object> args) {
    if (!args.containsKey("every")) return DEFAULT_EVERY;
    Duration d = duration(keyword, "every", args.get("every"));
    if (d != null && (d.isZero() || d.isNegative())) {
      ev.error(ev.here(keyword), keyword + " every: must be positive, got " + describe(d));
      return DEFAULT_EVERY;
    }
    return d == null ? DEFAULT_EVERY : d;
  }

  Metrics build() {
    return new Metrics(nodesEvery, replicas, prometheus, at);
  }
}
