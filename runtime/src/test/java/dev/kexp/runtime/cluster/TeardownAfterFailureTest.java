package dev.kexp.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.dsl.Kexp;
import dev.kexp.runtime.exec.Interpreter;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.Planner;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.runtime.results.ResultsDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that fails mid-run still lets the file's teardown (uninstall, stopMaster) run, so the
 * nodes are left as the next run expects them, and the events say both what failed and that the
 * teardown ran; {@code --keep-on-failure} leaves the cluster up instead. Each node is this machine
 * with its own programs first on PATH: K3s's killall and uninstall scripts, as the install leaves
 * them on a server (and on an agent, its own uninstall script too), that log what they are asked to
 * do, per node.
 */
class TeardownAfterFailureTest {
  @TempDir Path tmp;

  static final String FILE =
      """
      experiment 'teardown' {
          cluster { master 'node0'; workers 'node1'; distro k3s }
          phases { startMaster; idle 1.s; stopMaster; uninstall }
      }
      """;

  /** The node's programs: each appends its name and arguments to the node's log. */
  Path node(String name, List<String> programs) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve(name).resolve("bin"));
    Path log = tmp.resolve(name).resolve("did.log");
    for (String program : programs) {
      Path p = bin.resolve(program);
      Files.writeString(p, "#!/bin/sh\necho \"" + program + " $*\" >> '" + log + "'\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }

  List<String> did(String node) throws Exception {
    Path log = tmp.resolve(node).resolve("did.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  Interpreter.Outcome run(boolean keepOnFailure, Path results, ByteArrayOutputStream out)
      throws Exception {
    return run(FILE, keepOnFailure, results, out);
  }

  Interpreter.Outcome run(
      String text, boolean keepOnFailure, Path results, ByteArrayOutputStream out)
      throws Exception {
    Path file = tmp.resolve("teardown.kexp");
    Files.writeString(file, text);
    Kexp.Loaded loaded = Kexp.load(file);
    Plan plan = Planner.plan(loaded.experiment(), "0".repeat(64), loaded.warnings());
    ResultsDir dir = ResultsDir.create(results, file, plan, "test");
    Path bin0 = node("node0", List.of("k3s-killall.sh", "k3s-uninstall.sh"));
    Path bin1 =
        node("node1", List.of("k3s-killall.sh", "k3s-uninstall.sh", "k3s-agent-uninstall.sh"));
    return new Interpreter(
            plan,
            dir,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new AtomicBoolean(),
            new Interpreter.Options(
                // startMaster runs the install script K3s's prepare keeps on the node, which this
                // machine does not have: that is the step that fails.
                (cluster, node, log) ->
                    new LocalRemote(node, List.of(node.equals("node0") ? bin0 : bin1)),
                false,
                5,
                keepOnFailure),
            null)
        .run();
  }

  /** The events of the phases and the failure, without the checks and per-node times. */
  static boolean lifecycle(String event) {
    return !event.startsWith("idle-check") && !event.startsWith("node-step");
  }

  static List<String> events(Path results) throws Exception {
    List<String> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String l : Files.readAllLines(results.resolve("runs/teardown/rep-01/events.jsonl"))) {
      JsonNode e = json.readTree(l);
      out.add(e.get("event").asText() + " " + e.path("phase").asText());
    }
    return out;
  }

  @Test
  void afterAFailedStepTheFilesTeardownStillRunsAndIsRecorded() throws Exception {
    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interpreter.Outcome outcome = run(false, results, out);

    assertEquals(Manifest.Status.FAILED, outcome.status(), out.toString());
    assertTrue(outcome.error().contains("k3s-install.sh"), outcome.error());
    // The idle phase after the failure is skipped; stopMaster and uninstall run, in plan order.
    assertEquals(List.of("k3s-killall.sh ", "k3s-uninstall.sh "), did("node0"));
    assertEquals(List.of("k3s-agent-uninstall.sh ", "k3s-uninstall.sh "), did("node1"));
    assertEquals(
        List.of(
            "phase-start startMaster",
            "error startMaster",
            "phase-end startMaster",
            "teardown stopMaster",
            "phase-start stopMaster",
            "phase-end stopMaster",
            "phase-start uninstall",
            "phase-end uninstall"),
        events(results).stream().filter(TeardownAfterFailureTest::lifecycle).toList());
    JsonNode manifest = new ObjectMapper().readTree(results.resolve("manifest.json").toFile());
    assertEquals("failed", manifest.get("runs").get(0).get("status").asText());
    assertTrue(
        manifest.get("runs").get(0).get("error").asText().contains("k3s-install.sh"),
        "the run's error is the failure, not the teardown");
  }

  /**
   * A failure in the first of three repetitions ends the experiment there, and the cell's teardown
   * block, planned after its last repetition, still takes the nodes down.
   */
  @Test
  void aFailureBeforeTheLastRepetitionStillRunsTheCellsTeardownBlock() throws Exception {
    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interpreter.Outcome outcome =
        run(
            """
            experiment 'teardown' {
                cluster { master 'node0'; workers 'node1'; distro k3s }
                phases { startMaster; idle 1.s }
                teardown { uninstall }
                repeat 3
            }
            """,
            false,
            results,
            out);
    assertEquals(Manifest.Status.FAILED, outcome.status(), out.toString());
    assertEquals(List.of("k3s-uninstall.sh "), did("node0"));
    assertEquals(List.of("k3s-agent-uninstall.sh ", "k3s-uninstall.sh "), did("node1"));
    assertEquals(
        List.of(
            "phase-start startMaster",
            "error startMaster",
            "phase-end startMaster",
            "teardown teardown",
            "phase-start teardown",
            "phase-end teardown"),
        events(results).stream().filter(TeardownAfterFailureTest::lifecycle).toList());
    assertFalse(Files.exists(results.resolve("runs/teardown/rep-02")), "no further repetition");
  }

  @Test
  void keepOnFailureLeavesTheClusterAsItWas() throws Exception {
    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interpreter.Outcome outcome = run(true, results, out);

    assertEquals(Manifest.Status.FAILED, outcome.status());
    assertEquals(List.of(), did("node0"));
    assertEquals(List.of(), did("node1"));
    assertFalse(events(results).stream().anyMatch(e -> e.startsWith("teardown")));
  }
}
