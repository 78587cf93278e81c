package dev.kexp.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.cli.KexpCommand;
import dev.kexp.runtime.control.SshNodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kexp run} with loader nodes: real sshd nodes on 127.0.x.y run this machine's Java as
 * kexp's agent, against a real nginx whose access log is the server's own count of requests.
 */
class LoadFromLoadersTest {
  static SshNodes nodes;
  static Nginx nginx;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    nodes = SshNodes.get();
    nginx = Nginx.start(shared.resolve("nginx"));
  }

  @AfterAll
  static void stop() {
    if (nginx != null) nginx.close();
  }

  record Result(int exit, String out, Path dir) {
    Path run() {
      return dir.resolve("runs/loaders/rep-01");
    }

    JsonNode manifest() throws IOException {
      return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    }

    List<String[]> csv(String file) throws IOException {
      List<String> lines = Files.readAllLines(run().resolve(file));
      List<String[]> rows = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) rows.add(l.split(","));
      return rows;
    }

    /** The sum of load.csv's completed column (its 7th). */
    long completed(String file) throws IOException {
      return csv(file).stream().mapToLong(r -> Long.parseLong(r[6])).sum();
    }
  }

  private String file(String loaders, String phases) {
    return """
        experiment 'loaders' {
            cluster {
                %s
                ssh user: '%s', key: '%s', port: %d
            }
            load { target '%s' }
            phases { %s }
        }
        """
        .formatted(
            loaders, SshNodes.USER, nodes.key("ed25519"), SshNodes.PORT, nginx.url(), phases);
  }

  private Result run(String text) throws Exception {
    Path f = tmp.resolve("loaders.kexp");
    Files.writeString(f, text);
    Path out = tmp.resolve("results");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit =
          KexpCommand.commandLine()
              .execute(
                  "run",
                  f.toString(),
                  "-o",
                  out.toString(),
                  "--known-hosts",
                  nodes.knownHosts.toString());
    } finally {
      System.setOut(old);
    }
    return new Result(exit, buf.toString(StandardCharsets.UTF_8), out);
  }

  @Test
  void oneLoaderSendsTheLoadAndItsCountIsTheServers() throws Exception {
    String node = nodes.address(1);
    long before = nginx.requests();
    Result r = run(file("loader '" + node + "'", "hold 4 over 3.s"));
    assertEquals(0, r.exit(), r.out());
    long served = nginx.requests() - before;
    assertTrue(served > 0, "nginx served nothing\n" + r.out());
    assertEquals(served, r.completed("load.csv"), r.out());
    // The loader's own seconds, and the plan's share.
    assertEquals(served, r.completed("loaders/" + node + "/load.csv"));
    assertTrue(Files.size(r.run().resolve("latency.hlog")) > 200);
    assertTrue(
        Files.readString(r.dir().resolve("plan.txt")).contains("from loader " + node + " (4 users"),
        Files.readString(r.dir().resolve("plan.txt")));
    JsonNode facts = r.manifest().path("runs").get(0).path("nodes").path(node);
    assertTrue(facts.has("clock_offset_ms"), facts.toString());
    // The nodes share this machine's clock: the measured offset is within the round trip.
    assertTrue(
        Math.abs(facts.get("clock_offset_ms").asLong()) <= facts.get("clock_rtt_ms").asLong() + 2,
        facts.toString());
    List<String[]> generator = r.csv("generator.csv");
    assertFalse(generator.isEmpty());
    assertEquals(node, generator.get(0)[2]);
    SshNodes.assertNoProcess(" agent --data ");
  }

  @Test
  void twoLoadersSplitTheUsersAndTheirMergedCountIsTheServers() throws Exception {
    String a = nodes.address(1);
    String b = nodes.address(2);
    long before = nginx.requests();
    Result r = run(file("loaders '" + a + "', '" + b + "'", "hold 5 over 3.s"));
    assertEquals(0, r.exit(), r.out());
    long served = nginx.requests() - before;
    assertTrue(served > 0, "nginx served nothing");
    assertEquals(served, r.completed("load.csv"), r.out());
    long ofA = r.completed("loaders/" + a + "/load.csv");
    long ofB = r.completed("loaders/" + b + "/load.csv");
    assertTrue(ofA > 0 && ofB > 0, ofA + " / " + ofB);
    assertEquals(served, ofA + ofB);
    String plan = Files.readString(r.dir().resolve("plan.txt"));
    assertTrue(plan.contains(a + " (2 users") && plan.contains(b + " (3 users"), plan);
    // Merged by second: the run has as many seconds as the phase, not one row per loader.
    assertEquals(3, r.csv("load.csv").size(), r.out());
  }

  /** The agent processes on this machine (the nodes share its process table). */
  private static List<ProcessHandle> agents() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(" agent --data "))
        .toList();
  }

  @Test
  void aDroppedSessionStopsTheAgentWithin5sAndTheRunKeepsItsData() throws Exception {
    String node = nodes.address(1);
    AtomicLong killedAt = new AtomicLong();
    AtomicLong goneAfterMs = new AtomicLong(-1);
    Thread killer =
        new Thread(
            () -> {
              try {
                long end = System.nanoTime() + 60_000_000_000L;
                List<ProcessHandle> found = List.of();
                while (found.isEmpty() && System.nanoTime() < end) {
                  Thread.sleep(100);
                  found = agents();
                }
                // A few seconds of load first: the server counts requests coming in.
                long served = nginx.requests();
                while (nginx.requests() < served + 200 && System.nanoTime() < end) {
                  Thread.sleep(100);
                }
                Thread.sleep(3_000);
                Optional<ProcessHandle> sshd = found.get(0).parent();
                while (sshd.isPresent()
                    && !sshd.get().info().command().orElse("").endsWith("sshd")) {
                  sshd = sshd.get().parent();
                }
                killedAt.set(System.nanoTime());
                sshd.orElseThrow().destroyForcibly();
                while (!agents().isEmpty() && System.nanoTime() < end) Thread.sleep(50);
                goneAfterMs.set((System.nanoTime() - killedAt.get()) / 1_000_000);
              } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
              }
            });
    killer.start();
    Result r = run(file("loader '" + node + "'", "hold 4 over 20.s"));
    killer.join(70_000);
    assertTrue(goneAfterMs.get() >= 0, "the agent was never seen or never ended\n" + r.out());
    assertTrue(goneAfterMs.get() <= 5_000, "agent still ran " + goneAfterMs.get() + " ms later");
    assertNotEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("loader " + node + ": its SSH session ended"), r.out());
    assertEquals("failed", r.manifest().path("runs").get(0).path("status").asText());
    // What was measured before the drop is kept, a few seconds, fewer than the phase's 20.
    int seconds = r.csv("load.csv").size();
    assertTrue(seconds >= 3 && seconds < 20, seconds + " seconds\n" + r.out());
    assertTrue(r.completed("load.csv") > 0);
  }
}
