package dev.kexp.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.function.EmbeddedFunctionServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kexp load URL}, in-process, against kexp's own function server. */
class LoadCommandTest {
  @TempDir Path tmp;

  @Test
  void aClosedRunPrintsASummaryAndWritesTheJsonTheBenchmarkReads() throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedFunctionServer f = EmbeddedFunctionServer.start(vertx, "factorial", 50);
    try {
      Path json = tmp.resolve("out.json");
      CliTest.Result r =
          CliTest.kexp(
              "load", f.url(), "--users", "4", "--duration", "2s", "--json", json.toString());
      assertEquals(0, r.exit(), r.all());
      assertTrue(r.out().contains("Summary:") && r.out().contains("req/s"), r.out());
      JsonNode j = new ObjectMapper().readTree(json.toFile());
      for (String field :
          new String[] {
            "requests", "duration_s", "rps", "errors", "dropped", "status", "latency_ms"
          }) {
        assertTrue(j.has(field), field + " in " + j);
      }
      assertTrue(j.get("requests").asLong() > 10);
      assertEquals(j.get("requests").asLong(), j.get("status").get("200").asLong());
      assertEquals(0, j.get("errors").asLong());
      for (String p : new String[] {"p50", "p90", "p99", "p999", "max"})
        assertTrue(j.get("latency_ms").has(p));
      assertEquals(2.0, j.get("duration_s").asDouble(), 0.3);
    } finally {
      f.close();
      vertx.close().await();
    }
  }

  @Test
  void anOpenRunMeetsItsRate() throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedFunctionServer f = EmbeddedFunctionServer.start(vertx, "factorial", 50);
    try {
      Path json = tmp.resolve("open.json");
      CliTest.Result r =
          CliTest.kexp(
              "load", f.url(), "--rate", "300", "--duration", "2s", "--json", json.toString());
      assertEquals(0, r.exit(), r.all());
      JsonNode j = new ObjectMapper().readTree(json.toFile());
      assertEquals(600, j.get("sent").asLong());
      assertEquals(0, j.get("dropped").asLong());
    } finally {
      f.close();
      vertx.close().await();
    }
  }

  @Test
  void onlyThisMachineIsATarget() {
    CliTest.Result r = CliTest.kexp("load", "http://192.0.2.1:8080/", "--duration", "1s");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("only to this machine"), r.err());
  }

  @Test
  void durationsAreWrittenLikeK6() {
    assertEquals(Duration.ofMillis(500), LoadCommand.parseDuration("--d", "500ms"));
    assertEquals(Duration.ofSeconds(10), LoadCommand.parseDuration("--d", "10s"));
    assertEquals(Duration.ofMinutes(5), LoadCommand.parseDuration("--d", "5m"));
    assertEquals(Duration.ofHours(1), LoadCommand.parseDuration("--d", "1h"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LoadCommand.parseDuration("--duration", "ten"));
    assertTrue(e.getMessage().contains("500ms, 10s, 5m or 1h"));
    CliTest.Result bad = CliTest.kexp("load", "http://127.0.0.1:1/", "--duration", "ten");
    assertEquals(2, bad.exit());
  }
}
