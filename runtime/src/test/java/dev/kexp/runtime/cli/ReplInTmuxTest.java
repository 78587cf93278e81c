package dev.kexp.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.function.EmbeddedFunctionServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code kexp repl} in a real terminal (tmux), typed at as a person would. One shell for the whole
 * class: a JVM takes seconds to start, and a shell that outlives each step is what is tested.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplInTmuxTest {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private Path home;
  private Tmux tmux;
  private Vertx vertx;
  private EmbeddedFunctionServer function;

  @BeforeAll
  void startTheShell() throws Exception {
    Tmux.assumeInstalled();
    home = Files.createTempDirectory("kexp-repl-home"); // the shell's home, for its history
    vertx = Vertx.vertx();
    function = EmbeddedFunctionServer.start(vertx, "factorial", 50);
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("java.class.path");
    tmux =
        Tmux.start(
            "env HOME="
                + home
                + " "
                + java
                + " -Duser.home="
                + home
                + " -cp "
                + classPath
                + " dev.kexp.runtime.cli.KexpCommand repl; sleep 600");
    tmux.waitFor("kexp>", Duration.ofSeconds(120));
  }

  @AfterAll
  void stop() throws Exception {
    if (tmux != null) tmux.close();
    if (function != null) function.close();
    if (vertx != null) vertx.close().await();
    if (home != null) {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void unitArithmeticPrintsTheDuration() throws Exception {
    tmux.markNow();
    tmux.type("30.min + 10.s");
    tmux.waitFor("30min 10s", QUICK);
    tmux.markNow();
    tmux.type("def users = 25");
    tmux.type("users * 2");
    tmux.waitFor("50", QUICK);
  }

  @Test
  @Order(2)
  void helpListsTheCommandsAndABlocksKeywords() throws Exception {
    tmux.markNow();
    tmux.type(":help");
    String shown = tmux.waitFor("Tab completes", QUICK);
    for (String c : new String[] {":check", ":plan", ":run", ":report", ":results", ":load"}) {
      assertTrue(shown.contains(c), c + " in\n" + shown);
    }
    tmux.markNow();
    tmux.type(":help phases");
    tmux.waitFor("rate 0..1000 over 30.s", QUICK);
  }

  @Test
  @Order(3)
  void aMisspelledKeywordIsAnsweredWithTheRightSuggestion() throws Exception {
    tmux.markNow();
    tmux.type("experiment 'x' { clutser { } }");
    String shown =
        tmux.waitFor(
            "prompt:1:18: unknown keyword 'clutser' in experiment; did you mean 'cluster'?", QUICK);
    assertFalse(shown.contains("Exception"), shown);
  }

  @Test
  @Order(4)
  void aProbePrintsTheSummaryOfKexpLoad() throws Exception {
    tmux.markNow();
    tmux.type("load '" + function.url() + "', users: 4, over: 2.s");
    String shown = tmux.waitFor("Status:", QUICK);
    assertTrue(shown.contains("Summary:") && shown.contains("req/s"), shown);
    Matcher completed = Pattern.compile("Requests: +(\\d+) completed").matcher(shown);
    assertTrue(completed.find(), shown);
    long n = Long.parseLong(completed.group(1));
    assertTrue(n > 0, shown);
    assertTrue(shown.contains("200: " + n), shown);
    assertTrue(function.served() >= n, "served " + function.served() + ", completed " + n);
  }

  @Test
  @Order(5)
  void ctrlCStopsARunningProbeAndKeepsTheShell() throws Exception {
    tmux.markNow();
    tmux.type("load '" + function.url() + "', users: 2, over: 60.s");
    tmux.waitFor("s/60s  probe", QUICK); // the live status line
    long started = System.nanoTime();
    tmux.press("C-c");
    String shown = tmux.waitFor("Status:", QUICK);
    assertTrue(shown.contains("stopped early"), shown);
    assertTrue(
        Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(40)) < 0,
        "the probe ran on after Ctrl-C");
    tmux.markNow();
    tmux.type("20 * 21");
    tmux.waitFor("420", QUICK);
  }

  @Test
  @Order(6)
  void aSandboxEscapeTypedAtThePromptIsRefused() throws Exception {
    tmux.markNow();
    tmux.type("'touch " + home.resolve("escaped") + "'.execute()");
    tmux.waitFor("method 'execute' is not allowed in a .kexp file", QUICK);
    tmux.markNow();
    tmux.type("System.getenv('HOME')");
    tmux.waitFor("class 'System' cannot be used in a .kexp file", QUICK);
    tmux.markNow();
    tmux.type("'x' * 2000000000");
    tmux.waitFor("allocated more than 256 MB", QUICK);
    assertFalse(Files.exists(home.resolve("escaped")));
  }

  @Test
  @Order(7)
  void tabCompletesTheKeywordsOfTheBlockTheCursorIsIn() throws Exception {
    tmux.markNow();
    tmux.typeOnly("experiment 'x' { phases { coo");
    tmux.press("Tab");
    tmux.waitFor("phases { cooldown", QUICK);
    freshPrompt();
    tmux.typeOnly(":rep");
    tmux.press("Tab");
    tmux.waitFor(":report", QUICK);
    freshPrompt();
  }

  /** Ctrl-C clears the line; the next prompt shows the shell is ready for more. */
  private void freshPrompt() throws Exception {
    tmux.press("C-c");
    tmux.markNow();
    tmux.press("Enter");
    tmux.waitFor("kexp>", QUICK);
  }

  @Test
  @Order(8)
  void aLoadedFileIsTheCurrentExperimentThatPlanShows() throws Exception {
    Path quickstart = Path.of("..", "experiments", "quickstart.kexp").toAbsolutePath().normalize();
    tmux.markNow();
    tmux.type(":load " + quickstart);
    tmux.waitFor("experiment 'quickstart' is the current one", QUICK);
    tmux.markNow();
    tmux.type(":plan");
    String shown = tmux.waitFor("kexp>", QUICK);
    assertTrue(shown.contains("ramp"), shown);
    tmux.markNow();
    tmux.type(":plan nosuchcell");
    tmux.waitFor("no cell 'nosuchcell'", QUICK);
  }

  @Test
  @Order(9)
  void anExperimentTypedAtThePromptRunsAndItsResultsAreShown() throws Exception {
    Path results = home.resolve("tiny-results");
    tmux.markNow();
    tmux.type(
        "experiment 'tiny' { cluster { local }; workload function('factorial', arg: 5);"
            + " phases { hold 2 over 2.s } }");
    tmux.waitFor("experiment 'tiny' is the current one", QUICK);
    tmux.markNow();
    tmux.type(":run -o " + results);
    String shown = tmux.waitFor("status: ", Duration.ofSeconds(120));
    tmux.waitFor("kexp>", QUICK);
    assertTrue(shown.contains("status: complete"), shown);
    assertTrue(Files.isRegularFile(results.resolve("report.html")), shown);
    tmux.markNow();
    tmux.type(":results");
    tmux.waitFor("results: " + results + " (complete)", QUICK);
  }

  @Test
  @Order(10)
  void ctrlCStopsARunAndKeepsTheShell() throws Exception {
    Path results = home.resolve("long-results");
    tmux.markNow();
    tmux.type(
        "experiment 'long' { cluster { local }; workload function('factorial', arg: 5);"
            + " phases { hold 2 over 10.min } }");
    tmux.waitFor("experiment 'long' is the current one", QUICK);
    tmux.markNow();
    tmux.type(":run -o " + results);
    tmux.waitFor("s/600s", Duration.ofSeconds(120)); // the live status line of the hold
    tmux.press("C-c");
    String shown = tmux.waitFor("status: ", Duration.ofSeconds(120));
    tmux.waitFor("kexp>", QUICK);
    assertFalse(shown.contains("status: complete"), shown);
    assertTrue(Files.isRegularFile(results.resolve("manifest.json")), shown);
    tmux.markNow();
    tmux.type("6 * 7");
    tmux.waitFor("42", QUICK);
  }

  @Test
  @Order(11)
  void historyIsKeptInTheHome() throws Exception {
    tmux.markNow();
    tmux.type(":quit");
    Path history = home.resolve(".kexp_history");
    long deadline = System.nanoTime() + QUICK.toNanos();
    while (!Files.exists(history) && System.nanoTime() < deadline) Thread.sleep(200);
    assertTrue(Files.readString(history).contains("30.min + 10.s"));
  }
}
