package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.prometheus.PrometheusClient;
import dev.kexp.runtime.prometheus.PrometheusSeriesWriter;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Queries each named query over the run's window and saves the raw series. A Prometheus that cannot
 * be reached is recorded in events.jsonl and the log, and the run keeps its status: the other
 * measurements are still valid.
 */
public final class QueryPrometheusRunner implements StepRunner<Step.QueryPrometheus> {
  public Class<Step.QueryPrometheus> type() {
    return Step.QueryPrometheus.class;
  }

  public void run(Step.QueryPrometheus p, RunContext run) {
    Instant end = Instant.now();
    Duration step = PrometheusClient.step(run.started(), end, p.step());
    try (PrometheusClient client = new PrometheusClient(run.vertx(), Duration.ofSeconds(30));
        PrometheusSeriesWriter out = new PrometheusSeriesWriter(run.dir())) {
      for (Map.Entry<String, String> q : p.queries().entrySet()) {
        try {
          List<PrometheusClient.Series> series =
              client.queryRange(p.url(), q.getValue(), run.started(), end, step);
          for (PrometheusClient.Series s : series) out.write(p.url(), q.getKey(), q.getValue(), s);
          run.event(
              Event.PROMETHEUS,
              "",
              0,
              Map.of(EventsFile.QUERY, q.getKey(), EventsFile.SERIES, series.size()));
          run.say("prometheus %s: %d series", q.getKey(), series.size());
        } catch (PrometheusClient.QueryFailed e) {
          run.event(
              Event.PROMETHEUS_ERROR,
              "",
              0,
              Map.of(EventsFile.QUERY, q.getKey(), EventsFile.MESSAGE, e.getMessage()));
          run.say("prometheus %s failed: %s", q.getKey(), e.getMessage());
        }
      }
    } catch (IOException | RuntimeException e) {
      run.log().println("  warning: could not save the Prometheus series: " + e.getMessage());
    }
  }
}
