package dev.kexp.runtime.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One stretch of a load profile. The target moves linearly from {@code from} to {@code to} over
 * {@code duration}; a hold has {@code from == to}.
 *
 * @param from target at the start: virtual users (closed) or arrivals per second (open)
 * @param label names the phase in the per-second series, e.g. "warmup" or "ramp"
 * @param measured false for a warm-up: its seconds are reported as rows but left out of the run's
 *     summary. Warming up in the same run, rather than in a run of its own, keeps the connections
 *     and the compiled code the measured part will use: a new run's first second was measured here
 *     to stall for a tenth of a second while the JIT recompiled code that its start had
 *     invalidated.
 */
public record LoadSegment(
    Model model, double from, double to, Duration duration, String label, boolean measured) {

  /** How the target is applied. */
  public enum Model {
    /** Virtual users, each sending, awaiting the response, thinking, and sending again. */
    CLOSED,
    /**
     * Arrivals per second sent at their scheduled times however slowly responses come back, so the
     * offered load does not drop when the system under test slows down.
     */
    OPEN
  }

  public LoadSegment {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(label, "label");
    if (!(from >= 0) || !(to >= 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
      throw new IllegalArgumentException(
          "from and to must be finite and >= 0: " + from + ", " + to);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
  }

  /** A measured segment. */
  public LoadSegment(Model model, double from, double to, Duration duration, String label) {
    this(model, from, to, duration, label, true);
  }

  /** The same segment, left out of the summary. */
  public LoadSegment unmeasured() {
    return new LoadSegment(model, from, to, duration, label, false);
  }

  public static LoadSegment closed(double from, double to, Duration duration, String label) {
    return new LoadSegment(Model.CLOSED, from, to, duration, label);
  }

  public static LoadSegment open(double from, double to, Duration duration, String label) {
    return new LoadSegment(Model.OPEN, from, to, duration, label);
  }

  public double seconds() {
    return duration.toNanos() / 1e9;
  }
}
