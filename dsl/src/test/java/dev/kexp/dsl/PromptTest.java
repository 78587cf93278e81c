package dev.kexp.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.Probe;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What is typed at the REPL's prompt is checked and evaluated as a file is. */
class PromptTest {
  private final Prompt prompt = new Prompt();

  @Test
  void unitsAndPlainGroovyValuesEvaluate() {
    assertEquals(Duration.ofMinutes(30).plusSeconds(10), value("30.min + 10.s"));
    assertEquals(6, value("[1, 2, 3].sum()"));
    assertEquals("run-3", value("\"run-${1 + 2}\"").toString());
  }

  @Test
  void definitionsStayDefinedForLaterEntries() {
    value("def users = 20");
    assertEquals(40, value("users * 2"));
    value("def twice = { it * 2 }");
    assertEquals(14, value("twice(7)"));
    assertTrue(prompt.names().contains("users"));
  }

  @Test
  void anExperimentTypedAtThePromptBecomesTheCurrentOne() {
    Prompt.Result r =
        prompt.evaluate(
            "experiment 'probe' {\n  cluster { local }\n  workload function('factorial', arg: 5)\n"
                + "  phases { hold 2 over 1.s }\n}");
    assertFalse(r.hasErrors(), r.problems().toString());
    assertNotNull(r.experiment());
    assertEquals("probe", prompt.current().orElseThrow().experiment().name());
  }

  @Test
  void mistakesAreAnsweredLikeCheckWithLineColumnAndSuggestion() {
    Prompt.Result r = prompt.evaluate("experiment 'x' {\n  clutser { }\n}");
    assertEquals(
        "prompt:2:3: unknown keyword 'clutser' in experiment; did you mean 'cluster'?", errors(r));
    assertEquals(
        "prompt:1:1: unknown keyword 'lod' in the prompt; did you mean 'load'?",
        errors(prompt.evaluate("lod 'x'")));
  }

  @Test
  void theSandboxHoldsAtThePrompt() {
    refused("'ls'.execute()", "not allowed");
    refused("System.exit(1)", "class 'System' cannot be used");
    refused("'x'.class", "not allowed");
    refused("'x' * 2000000000", "allocated more than 256 MB");
  }

  @Test
  void aProbeIsDescribedNotRun() {
    Prompt.Result r = prompt.evaluate("load 'http://127.0.0.1:8080/', users: 50, over: 10.s");
    assertFalse(r.hasErrors(), r.problems().toString());
    Probe p = r.probes().get(0);
    assertEquals("http://127.0.0.1:8080/", p.url());
    assertEquals(50, p.users());
    assertEquals(Duration.ofSeconds(10), p.over());
    Prompt.Result bad = prompt.evaluate("load 'http://127.0.0.1:8080/', usres: 5");
    assertTrue(errors(bad).contains("did you mean 'users'?"), errors(bad));
  }

  private void refused(String text, String why) {
    String errors = errors(prompt.evaluate(text));
    assertTrue(errors.contains(why), text + ": " + errors);
  }

  private Object value(String text) {
    Prompt.Result r = prompt.evaluate(text);
    assertFalse(r.hasErrors(), text + ": " + r.problems());
    return r.value();
  }

  private static String errors(Prompt.Result r) {
    return r.problems().stream()
        .filter(Problem::isError)
        .map(Problem::toString)
        .collect(Collectors.joining("\n"));
  }
}
