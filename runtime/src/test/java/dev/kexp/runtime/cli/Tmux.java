package dev.kexp.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program in a real terminal, driven as a person would: tmux's send-keys types, capture-pane
 * reads the screen (and its scroll-back). Tests need tmux: without it they are skipped, and in CI
 * (which installs it) they fail.
 */
final class Tmux implements AutoCloseable {
  private final String session;
  private int mark;

  private Tmux(String session) {
    this.session = session;
  }

  static void assumeInstalled() {
    boolean installed =
        Files.isExecutable(Path.of("/usr/bin/tmux")) || Files.isExecutable(Path.of("/bin/tmux"));
    if (!installed) {
      assertFalse("true".equals(System.getenv("CI")), "tmux is missing: .ci/run installs it");
    }
    assumeTrue(installed, "tmux is not installed");
  }

  /** Starts {@code command} (a shell line) in a new detached session of 200 × 50 characters. */
  static Tmux start(String command) throws IOException, InterruptedException {
    String session = "kexp-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    run("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command);
    run("set-option", "-t", session, "history-limit", "20000");
    return new Tmux(session);
  }

  /** Types a line and Enter. */
  void type(String line) throws IOException, InterruptedException {
    run("send-keys", "-t", session, "-l", line);
    run("send-keys", "-t", session, "Enter");
  }

  /** Presses keys by tmux's names: {@code Tab}, {@code C-c}. */
  void press(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(args.toArray(String[]::new));
  }

  /** Types text without Enter. */
  void typeOnly(String text) throws IOException, InterruptedException {
    run("send-keys", "-t", session, "-l", text);
  }

  /** The screen and its scroll-back, wrapped lines joined. */
  String screen() throws IOException, InterruptedException {
    return run("capture-pane", "-t", session, "-p", "-J", "-S", "-");
  }

  /** Everything shown since the last {@link #markNow}. */
  String sinceMark() throws IOException, InterruptedException {
    String all = screen().stripTrailing();
    return all.length() > mark ? all.substring(mark) : "";
  }

  /** Later waits look only at what appears after this point. */
  void markNow() throws IOException, InterruptedException {
    mark = screen().stripTrailing().length();
  }

  /** Waits until the text appears after the mark, and returns what was shown since. */
  String waitFor(String text, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String seen = "";
    while (System.nanoTime() < deadline) { // bounded by the limit
      seen = sinceMark();
      if (seen.contains(text)) return seen;
      Thread.sleep(200);
    }
    return fail("'" + text + "' did not appear within " + limit + "; the screen shows:\n" + seen);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("kill-session", "-t", session);
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("tmux " + String.join(" ", args) + " did not return");
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
