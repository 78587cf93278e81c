package dev.kexp.runtime.agent;

/**
 * How far a loader's wall clock is ahead of the controller's, NTP style: of several round trips,
 * the one with the shortest round trip, assuming its two legs took equally long. The error is at
 * most half that round trip.
 *
 * @param offsetMs agent clock minus controller clock
 * @param rttMs the round trip the estimate comes from
 */
public record ClockOffset(long offsetMs, long rttMs) {
  /** One probe: sent at {@code t0} and answered at {@code t2} on the controller's clock. */
  public static ClockOffset of(long t0, long agentMs, long t2) {
    return new ClockOffset(agentMs - Math.floorDiv(t0 + t2, 2), t2 - t0);
  }

  public ClockOffset better(ClockOffset other) {
    return other == null || rttMs <= other.rttMs ? this : other;
  }

  /** A time on the loader's clock, on the controller's. */
  public long toController(long agentMs) {
    return agentMs - offsetMs;
  }
}
