package dev.kexp.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI in-process: exit codes, messages, and never a stack trace. */
class CliTest {
  @TempDir Path tmp;

  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Result kexp(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KexpCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  Path write(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  static void noStackTrace(Result r) {
    assertFalse(r.all().contains("Exception"), r.all());
    assertFalse(r.all().contains("\tat "), r.all());
  }

  static final String GOOD =
      """
      experiment 'good' {
          cluster { local }
          workload function('factorial')
          phases { hold 2 over 2.s }
      }
      """;

  @Test
  void checkPassesAGoodFileWithExitZero() throws Exception {
    Result r = kexp("check", write("good.kexp", GOOD).toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("good.kexp: ok, experiment 'good', 1 run"), r.out());
  }

  @Test
  void checkReportsEveryProblemWithFileLineColumnAndExitsTwo() throws Exception {
    Path bad =
        write(
            "bad.kexp",
            "experiment 'b' {\n  cluster { local }\n  phases {\n    rmap 0..1 over 1.s\n    cooldown 0.s\n  }\n  repot 'html'\n}\n");
    Result r = kexp("check", bad.toString());
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains(bad + ":4:5: unknown keyword 'rmap' in phases; did you mean 'ramp'?"),
        r.err());
    assertTrue(
        r.err()
            .contains(bad + ":7:3: unknown keyword 'repot' in experiment; did you mean 'report'?"),
        r.err());
    noStackTrace(r);
  }

  @Test
  void warningsArePrintedButCheckStillSucceeds() throws Exception {
    Path f =
        write(
            "w.kexp",
            "experiment 'w' {\n  cluster { master 'n0'\n    runtime docker\n    distro microk8s }\n  phases { install }\n}\n");
    Result r = kexp("check", f.toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.err().contains(f + ":3:5: warning: runtime docker with microk8s"), r.err());
  }

  @Test
  void aMissingFileIsInvalidInputNotACrash() {
    Result r = kexp("check", tmp.resolve("nope.kexp").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("cannot read the file"), r.err());
    noStackTrace(r);
  }

  @Test
  void checkingAHostileFileRunsNothingOfIt() throws Exception {
    Path marker = tmp.resolve("pwned");
    Path f = write("hostile.kexp", "def x = 'touch " + marker + "'.execute()\n" + GOOD);
    Result r = kexp("check", f.toString());
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains(":1:")
            && r.err().contains("method 'execute' is not allowed in a .kexp file"),
        r.err());
    assertFalse(Files.exists(marker), "the file's code must not have run");
    Result plan = kexp("plan", f.toString());
    assertEquals(2, plan.exit());
    assertFalse(Files.exists(marker));
  }

  @Test
  void planListsTheFilesWarningsOnce() throws Exception {
    Path f =
        write(
            "warn.kexp",
            """
            experiment 'warn' {
                cluster { local }
                workload function('factorial')
                phases { install; hold 1 over 1.s }
            }
            """);
    Result plan = kexp("plan", f.toString());
    assertEquals(0, plan.exit(), plan.all());
    String warning = "install does nothing on a local cluster";
    assertEquals(
        1, plan.all().split(java.util.regex.Pattern.quote(warning), -1).length - 1, plan.all());
    assertTrue(plan.out().contains(warning), plan.out());
  }

  @Test
  void planPrintsTheStepsAndJsonForTools() throws Exception {
    Path f = write("good.kexp", GOOD);
    Result text = kexp("plan", f.toString());
    assertEquals(0, text.exit(), text.all());
    assertTrue(text.out().contains("run good/rep-01"), text.out());
    assertTrue(text.out().contains("hold"), text.out());
    Result json = kexp("plan", "--json", f.toString());
    assertEquals(0, json.exit());
    JsonNode plan = new ObjectMapper().readTree(json.out());
    assertEquals("good", plan.get("experiment").asText());
    assertEquals("Load", plan.get("runs").get(0).get("steps").get(2).get("kind").asText());
    assertEquals(
        "2s",
        plan.get("runs")
            .get(0)
            .get("steps")
            .get(2)
            .get("segments")
            .get(0)
            .get("duration")
            .asText());
  }

  @Test
  void versionHelpUsageAndCompletion() {
    Result v = kexp("--version");
    assertEquals(0, v.exit());
    assertTrue(v.out().startsWith("kexp "), v.out());
    assertTrue(v.out().contains("Java "), v.out());
    for (String cmd : new String[] {"check", "plan", "run", "report"}) {
      Result h = kexp(cmd, "--help");
      assertEquals(0, h.exit(), cmd);
      assertTrue(h.out().contains("Usage: kexp " + cmd), h.out());
    }
    Result usage = kexp("plan", "--no-such-option", "x.kexp");
    assertEquals(2, usage.exit());
    noStackTrace(usage);
    Result completion = kexp("generate-completion");
    assertEquals(0, completion.exit());
    assertTrue(completion.out().contains("complete -F"), completion.out());
  }

  @Test
  void reportFormatsInHelpAndErrorsAreTheRegistrysWords() throws Exception {
    String words = String.join(", ", dev.kexp.runtime.report.ReportWriters.words());
    Result h = kexp("report", "--help");
    assertTrue(h.out().contains(words), h.out());
    Result bad = kexp("report", "-f", "pdf", tmp.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("(formats are " + words + ")"), bad.err());
  }

  @Test
  void reportOfANonDirectoryIsInvalidInput() {
    Result r = kexp("report", tmp.resolve("missing").toString());
    assertEquals(2, r.exit());
    noStackTrace(r);
  }
}
