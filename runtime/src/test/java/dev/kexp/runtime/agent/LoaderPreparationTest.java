package dev.kexp.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.cli.KexpCommand;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.SshNodes;
import dev.kexp.runtime.control.SshRemote;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loader without Java: kexp's planned step installs it with the node's package manager (a fake
 * apt-get that can install only Java, {@code fakenode/fake-apt-java}), or fails the run naming the
 * node before any load when the install fails.
 */
class LoaderPreparationTest {
  static final int NODE = 3;
  static SshNodes nodes;
  static Nginx nginx;
  @TempDir static Path shared;
  @TempDir Path tmp;
  SshRemote root;

  @BeforeAll
  static void start() throws Exception {
    nodes = SshNodes.get();
    nginx = Nginx.start(shared.resolve("nginx"));
  }

  @BeforeEach
  void withoutJava() throws Exception {
    root = new SshRemote(nodes.settings(NODE), NodeLog.discard("n", new Redactor()));
    // A java that is not there: what a node without Java answers.
    root.upload(
        "#!/bin/sh\necho \"sh: 1: java: not found\" >&2\nexit 127\n"
            .getBytes(StandardCharsets.UTF_8),
        "/usr/local/bin/java",
        0755);
  }

  private void packageManager(boolean fails) throws Exception {
    String script;
    try (InputStream in = getClass().getResourceAsStream("/fakenode/fake-apt-java")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    script = script.replace("@REAL_JAVA@", realJava).replace("@FAIL@", fails ? "1" : "0");
    root.run(Remote.Command.root("rm -f /usr/local/bin/apt-get /etc/kexp-test-apt-java.log"));
    root.upload(script.getBytes(StandardCharsets.UTF_8), "/usr/local/bin/apt-get", 0755);
  }

  @AfterEach
  void restore() throws Exception {
    // The node's own fakes, as SshNodes made them.
    root.run(
        Remote.Command.root(
            "rm -f /usr/local/bin/java /usr/local/bin/apt-get /etc/kexp-test-apt-java.log"
                + " && ln -s fake /usr/local/bin/apt-get"));
    root.close();
  }

  private String[] run(String phases) throws Exception {
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
            phases { %s }
        }
        """
            .formatted(
                nodes.address(NODE),
                SshNodes.USER,
                nodes.key("ed25519"),
                SshNodes.PORT,
                nginx.url(),
                phases));
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
    return new String[] {
      String.valueOf(exit), buf.toString(StandardCharsets.UTF_8), out.toString()
    };
  }

  @Test
  void aLoaderWithoutJavaGetsItFromItsPackageManagerInThePlannedStep() throws Exception {
    packageManager(false);
    String[] r = run("hold 2 over 2.s");
    assertEquals("0", r[0], r[1]);
    String installed = root.run(Remote.Command.of("cat /etc/kexp-test-apt-java.log")).stdout();
    assertTrue(installed.contains("install -y -q openjdk-17-jre-headless"), installed);
    Path run = Path.of(r[2], "runs/loaders/rep-01");
    String log = Files.readString(run.resolve("nodes/" + nodes.address(NODE) + ".log"));
    assertTrue(log.contains("Setting up openjdk-17-jre-headless"), log);
    // The plan printed the install command under its step.
    String plan = Files.readString(Path.of(r[2], "plan.txt"));
    assertTrue(plan.contains("apt-get install -y -q openjdk-17-jre-headless"), plan);
    assertTrue(Files.readAllLines(run.resolve("load.csv")).size() >= 3);
  }

  @Test
  void aLoaderThatCannotGetJavaFailsTheRunNamingItBeforeAnyLoad() throws Exception {
    packageManager(true);
    String[] r = run("hold 2 over 2.s");
    assertEquals("1", r[0], r[1]);
    assertTrue(r[1].contains("loader " + nodes.address(NODE) + " cannot run kexp's agent"), r[1]);
    assertTrue(r[1].contains("404 Not Found"), r[1]);
    Path run = Path.of(r[2], "runs/loaders/rep-01");
    assertFalse(Files.exists(run.resolve("load.csv")), "load started");
  }
}
