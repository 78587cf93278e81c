package dev.kexp.dsl.spec;

import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Percent;
import dev.kexp.dsl.vocabulary.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code thresholds { breakpoint errors: 5.percent, over: 10.s }}. */
public final class ThresholdsSpec extends Spec {
  private final List<Breakpoint> breakpoints = new ArrayList<>();

  public ThresholdsSpec(Evaluation ev) {
    super(ev, Block.THRESHOLDS);
  }

  public void breakpoint(Map<String, Object> args) {
    onlyKeys("breakpoint", args, keys("errors", "p99", "over", "abort"));
    var here = ev.here("breakpoint");
    Percent errors = null;
    Object e = args.get("errors");
    if (e instanceof Percent p) errors = p;
    else if (e != null)
      ev.error(here, "breakpoint errors: expects a share such as 5.percent, got " + describe(e));
    Duration p99 = duration("breakpoint", "p99", args.get("p99"));
    Duration over =
        args.containsKey("over")
            ? duration("breakpoint", "over", args.get("over"))
            : Duration.ofSeconds(10);
    if (errors == null && p99 == null && e == null && !args.containsKey("p99")) {
      ev.error(here, "breakpoint needs errors: (e.g. 5.percent) or p99: (e.g. 2.s)");
    }
    if (errors != null && (errors.value() <= 0 || errors.value() > 100)) {
      ev.error(here, "breakpoint errors: must be between 0 and 100 percent, got " + errors);
    }
    if (over != null && (over.isZero() || over.isNegative())) {
      ev.error(here, "breakpoint over: must be a positive window, got " + describe(over));
    }
    boolean abort = Boolean.TRUE.equals(args.get("abort"));
    breakpoints.add(new Breakpoint(errors, p99, over, abort, here));
  }

  List<Breakpoint> build() {
    return breakpoints;
  }
}
