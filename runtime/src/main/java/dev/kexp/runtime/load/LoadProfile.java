package dev.kexp.runtime.load;

import java.util.List;

/**
 * Segments laid back to back on one time axis (seconds from the start of the first segment): the
 * target at any instant and, for open segments, the exact schedule of arrivals.
 *
 * <p>Arrivals are the integral of the rate, so the schedule stays exact across ramps and rate
 * changes instead of accumulating the rounding of per-tick estimates. Arrival {@code k} (from 0) is
 * due when the integral reaches {@code k + 0.5}: the count in any stretch then matches its expected
 * value within one, and a ramp starting at zero does not fire at time zero.
 */
public final class LoadProfile {

  private final List<LoadSegment> segments;
  private final double[] startSeconds;
  private final double[] arrivalsBefore;
  private final double totalSeconds;
  private final double totalArrivals;

  public LoadProfile(List<LoadSegment> segments) {
    if (segments == null || segments.isEmpty()) {
      throw new IllegalArgumentException("a load profile needs at least one segment");
    }
    this.segments = List.copyOf(segments);
    int n = this.segments.size();
    startSeconds = new double[n];
    arrivalsBefore = new double[n];
    double time = 0;
    double arrivals = 0;
    for (int i = 0; i < n; i++) {
      LoadSegment segment = this.segments.get(i);
      startSeconds[i] = time;
      arrivalsBefore[i] = arrivals;
      time += segment.seconds();
      if (segment.model() == LoadSegment.Model.OPEN) {
        arrivals += (segment.from() + segment.to()) / 2 * segment.seconds();
      }
    }
    totalSeconds = time;
    totalArrivals = arrivals;
  }

  public List<LoadSegment> segments() {
    return segments;
  }

  public double totalSeconds() {
    return totalSeconds;
  }

  /** The segment running at {@code t}; before the start the first, after the end the last. */
  public int indexAt(double t) {
    for (int i = segments.size() - 1; i > 0; i--) {
      if (t >= startSeconds[i]) {
        return i;
      }
    }
    return 0;
  }

  public LoadSegment segmentAt(double t) {
    return segments.get(indexAt(t));
  }

  /** Users or arrivals per second wanted at {@code t}, clamped to the profile's time span. */
  public double targetAt(double t) {
    int i = indexAt(t);
    LoadSegment segment = segments.get(i);
    double fraction = clamp((t - startSeconds[i]) / segment.seconds(), 0, 1);
    return segment.from() + (segment.to() - segment.from()) * fraction;
  }

  /** The highest target any segment of {@code model} reaches, 0 if there is none. */
  public double peak(LoadSegment.Model model) {
    double peak = 0;
    for (LoadSegment segment : segments) {
      if (segment.model() == model) {
        peak = Math.max(peak, Math.max(segment.from(), segment.to()));
      }
    }
    return peak;
  }

  /** Expected open-model arrivals between the start and {@code t}: the integral of the rate. */
  public double arrivalsBy(double t) {
    if (t <= 0) {
      return 0;
    }
    if (t >= totalSeconds) {
      return totalArrivals;
    }
    int i = indexAt(t);
    LoadSegment segment = segments.get(i);
    if (segment.model() != LoadSegment.Model.OPEN) {
      return arrivalsBefore[i];
    }
    double u = t - startSeconds[i];
    double slope = (segment.to() - segment.from()) / segment.seconds();
    return arrivalsBefore[i] + segment.from() * u + slope * u * u / 2;
  }

  /** Open-model arrivals scheduled over the whole profile, rounded to whole requests. */
  public long scheduledArrivals() {
    return (long) Math.floor(totalArrivals + 0.5);
  }

  /** When arrival {@code k} (from 0) is due, or +infinity if the profile ends before it. */
  public double arrivalTime(long k) {
    double n = k + 0.5;
    if (n > totalArrivals) {
      return Double.POSITIVE_INFINITY;
    }
    for (int i = 0; i < segments.size(); i++) {
      LoadSegment segment = segments.get(i);
      if (segment.model() != LoadSegment.Model.OPEN) {
        continue;
      }
      double area = (segment.from() + segment.to()) / 2 * segment.seconds();
      double m = n - arrivalsBefore[i];
      if (m > area) {
        continue;
      }
      // Solve from*u + slope/2*u^2 = m for u; this form of the root is stable when the slope is
      // zero or tiny and when from is zero.
      double a = segment.from();
      double halfSlope = (segment.to() - segment.from()) / segment.seconds() / 2;
      double root = Math.sqrt(Math.max(0, a * a + 4 * halfSlope * m));
      double u = (a + root) == 0 ? 0 : 2 * m / (a + root);
      return startSeconds[i] + Math.min(u, segment.seconds());
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
