package dev.kexp.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.cli.KexpCommand;
import dev.kexp.runtime.control.SshNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loader that saturates: node 4's sshd, and so the agent it starts, is confined to one core, and
 * two CPU hogs share that core. The agent's seconds must be flagged generator-bound in
 * generator.csv, in the events and in the run's output.
 */
class SaturatedLoaderTest {
  static final int NODE = 4;
  @TempDir Path tmp;

  private static void sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(command + ": " + out);
  }

  @Test
  void aLoaderConfinedToABusyCoreHasItsSecondsFlagged() throws Exception {
    SshNodes nodes = SshNodes.get();
    try (Nginx nginx = Nginx.start(tmp.resolve("nginx"))) {
      String pid = Files.readString(nodes.base.resolve("n" + NODE + "/sshd.pid")).strip();
      int cores = Runtime.getRuntime().availableProcessors();
      List<Process> hogs = new ArrayList<>();
      Path f = tmp.resolve("loaders.kexp");
      Files.writeString(
          f,
          """
          experiment 'loaders' {
              cluster {
                  loader '%s'
                  ssh user: '%s', key: '%s', port: %d
              }
              load { target '%s' }
              phases { hold 50 over 6.s }
          }
          """
              .formatted(
                  nodes.address(NODE),
                  SshNodes.USER,
                  nodes.key("ed25519"),
                  SshNodes.PORT,
                  nginx.url()));
      Path out = tmp.resolve("results");
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      PrintStream old = System.out;
      int exit;
      try {
        // New sessions inherit the listener's affinity: the agent sees one core.
        sh("taskset -a -p -c 0 " + pid + " >/dev/null");
        for (int i = 0; i < 2; i++) {
          hogs.add(
              new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done").start());
        }
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
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
        for (Process h : hogs) h.destroyForcibly().waitFor();
        sh("taskset -a -p -c 0-" + (cores - 1) + " " + pid + " >/dev/null");
      }
      String text = buf.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, text);
      Path run = out.resolve("runs/loaders/rep-01");
      List<String> rows = Files.readAllLines(run.resolve("generator.csv"));
      assertFalse(rows.size() < 2, text);
      List<String> bound = rows.stream().skip(1).filter(l -> l.endsWith(",1")).toList();
      assertFalse(bound.isEmpty(), String.join("\n", rows));
      // The agent saw the one core it was given.
      assertTrue(rows.get(1).split(",")[6].equals("1"), rows.get(1));
      assertTrue(
          Files.readString(run.resolve("events.jsonl")).contains("\"generator-bound\""), text);
      assertTrue(
          text.contains("generator-bound: these seconds measure the loader, not the system"), text);
    }
  }
}
