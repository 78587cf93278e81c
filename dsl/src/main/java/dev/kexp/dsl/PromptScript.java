package dev.kexp.dsl;

import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.model.Probe;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.vocabulary.Block;
import groovy.lang.Closure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The base class of what is typed at the REPL's prompt: a file's top level ({@code experiment})
 * plus probes ({@code load URL, users: 50, over: 10.s}), with names kept from line to line in the
 * binding. A probe is only recorded here; the REPL runs it after the line is evaluated.
 */
public abstract class PromptScript extends KexpScript {
  private static final List<String> PROBE_OPTIONS = List.of("users", "rate", "over");
  private static final Duration DEFAULT_PROBE = Duration.ofSeconds(10);

  private final List<Probe> probes = new ArrayList<>();

  List<Probe> probes() {
    return probes;
  }

  public void load(Map<String, Object> args, String url) {
    SourceRef at = ev().here("load");
    for (String key : args.keySet()) {
      if (!PROBE_OPTIONS.contains(key)) {
        ev().error(
                at,
                "load has no option '"
                    + key
                    + "'"
                    + Suggest.didYouMean(key, PROBE_OPTIONS)
                    + " (options: users, rate, over)");
      }
    }
    Object users = args.get("users");
    Object rate = args.get("rate");
    Object over = args.getOrDefault("over", DEFAULT_PROBE);
    if (users != null && rate != null) {
      ev().error(at, "load takes users: or rate:, not both");
      return;
    }
    if (!(over instanceof Duration d) || d.isNegative() || d.isZero()) {
      ev().error(at, "load over: expects a positive duration such as 10.s, got " + over);
      return;
    }
    if (users != null && !(users instanceof Integer u && u > 0)) {
      ev().error(at, "load users: expects a positive whole number, got " + users);
      return;
    }
    if (rate != null && !(rate instanceof Number r && r.doubleValue() > 0)) {
      ev().error(at, "load rate: expects a positive number of requests per second, got " + rate);
      return;
    }
    int u = users == null && rate == null ? 10 : users == null ? 0 : (Integer) users;
    double r = rate == null ? 0 : ((Number) rate).doubleValue();
    probes.add(new Probe(url, u, r, (Duration) over, at));
  }

  public void load(String url) {
    load(Map.of(), url);
  }

  /** {@code def f = { ... }} on one line and {@code f(2)} on the next: the closure is called. */
  @Override
  public Object methodMissing(String name, Object args) {
    if (getBinding().hasVariable(name) && getBinding().getVariable(name) instanceof Closure<?> c) {
      return c.call((Object[]) args);
    }
    ev().error(
            ev().here(name),
            "unknown keyword '"
                + name
                + "'"
                + Suggest.didYouMean(name, Keywords.calls(Block.PROMPT)));
    return null;
  }
}
