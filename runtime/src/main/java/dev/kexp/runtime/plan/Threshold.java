package dev.kexp.runtime.plan;

import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Percent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A breakpoint the load steps watch: the first window of {@code over} whose error share exceeds
 * {@code errors} or whose p99 exceeds {@code p99} (either may be null); {@code abort} ends the load
 * phase there.
 */
public record Threshold(Percent errors, Duration p99, Duration over, boolean abort) {
  public static Threshold of(Breakpoint b) {
    return new Threshold(b.errors(), b.p99(), b.over(), b.abort());
  }

  @Override
  public String toString() {
    List<String> bounds = new ArrayList<>();
    if (errors != null) bounds.add("errors > " + errors);
    if (p99 != null) bounds.add("p99 > " + Plans.format(p99));
    return "breakpoint: the first "
        + Plans.format(over)
        + " window with "
        + String.join(" or ", bounds)
        + (abort ? " (aborts the phase)" : "");
  }
}
