package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.cli.KexpCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that fails (here: a node nobody answers on) fails the run with a clear message, exit code
 * 1, a manifest that says failed, and a report all the same.
 */
class FailedStepTest {
  @TempDir Path tmp;

  @Test
  void anUnavailableStepFailsTheRunCleanly() throws Exception {
    Path file = tmp.resolve("cluster.kexp");
    Files.writeString(
        file,
        """
        experiment 'cluster' {
            cluster { master '127.0.0.1'; ssh port: 1; distro k3s }
            phases { install; idle 1.s }
            repeat 2
        }
        """);
    Path out = tmp.resolve("results");
    int exit = KexpCommand.commandLine().execute("run", file.toString(), "-o", out.toString());
    assertEquals(1, exit);
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("failed", manifest.get("status").asText());
    JsonNode run = manifest.get("runs").get(0);
    assertEquals("failed", run.get("status").asText());
    assertTrue(
        // No key on a test machine, or nothing listening on port 1: either way the node is named.
        run.get("error").asText().matches(".*(SSH key .* for|cannot connect to) 127\\.0\\.0\\.1.*"),
        run.toString());
    assertEquals(1, manifest.get("runs").size(), "no further repetition after a failure");
    String events = Files.readString(out.resolve("runs/cluster/rep-01/events.jsonl"));
    assertTrue(events.contains("\"error\""), events);
    assertTrue(Files.exists(out.resolve("report.html")));
  }
}
