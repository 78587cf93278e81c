package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadProfileTest {

  private static final double EPS = 1e-9;

  @Test
  void holdSpacesArrivalsOneOverRateApartStartingHalfAnIntervalIn() {
    LoadProfile hold =
        new LoadProfile(List.of(LoadSegment.open(200, 200, Duration.ofSeconds(3), "hold")));
    assertEquals(600, hold.scheduledArrivals());
    assertEquals(0.0025, hold.arrivalTime(0), EPS);
    assertEquals(0.0075, hold.arrivalTime(1), EPS);
    assertEquals(2.9975, hold.arrivalTime(599), EPS);
    assertEquals(Double.POSITIVE_INFINITY, hold.arrivalTime(600));
    assertEquals(300, hold.arrivalsBy(1.5), EPS);
  }

  @Test
  void rampIntegratesTheRateExactly() {
    LoadProfile ramp =
        new LoadProfile(List.of(LoadSegment.open(0, 10, Duration.ofSeconds(2), "ramp")));
    // rate 5 t, so arrivals 2.5 t^2
    assertEquals(2.5, ramp.arrivalsBy(1), EPS);
    assertEquals(10, ramp.arrivalsBy(2), EPS);
    assertEquals(Math.sqrt(0.5 / 2.5), ramp.arrivalTime(0), EPS);
    for (long k = 0; k < 10; k++) {
      assertEquals(k + 0.5, ramp.arrivalsBy(ramp.arrivalTime(k)), 1e-9, "arrival " + k);
    }
    LoadProfile down =
        new LoadProfile(List.of(LoadSegment.open(10, 0, Duration.ofSeconds(2), "down")));
    for (long k = 0; k < 10; k++) {
      assertEquals(k + 0.5, down.arrivalsBy(down.arrivalTime(k)), 1e-9, "arrival " + k);
    }
  }

  @Test
  void scheduleCarriesAcrossRateChangesAndClosedSegments() {
    LoadProfile profile =
        new LoadProfile(
            List.of(
                LoadSegment.open(100, 100, Duration.ofSeconds(1), "a"),
                LoadSegment.closed(5, 5, Duration.ofSeconds(1), "users"),
                LoadSegment.open(200, 200, Duration.ofSeconds(1), "b")));
    assertEquals(3, profile.totalSeconds(), EPS);
    assertEquals(300, profile.scheduledArrivals());
    assertEquals(0.995, profile.arrivalTime(99), EPS);
    // 100.5 arrivals: half an arrival into the third segment, at 200/s.
    assertEquals(2.0025, profile.arrivalTime(100), EPS);
    assertEquals(100, profile.arrivalsBy(1.5), EPS);
    assertEquals(200, profile.peak(LoadSegment.Model.OPEN), EPS);
    assertEquals(5, profile.peak(LoadSegment.Model.CLOSED), EPS);
  }

  @Test
  void targetIsLinearWithinEachSegment() {
    LoadProfile profile =
        new LoadProfile(
            List.of(
                LoadSegment.closed(0, 10, Duration.ofSeconds(2), "ramp"),
                LoadSegment.closed(10, 10, Duration.ofSeconds(1), "hold")));
    assertEquals(0, profile.targetAt(0), EPS);
    assertEquals(2.5, profile.targetAt(0.5), EPS);
    assertEquals(10, profile.targetAt(2.5), EPS);
    assertEquals("ramp", profile.segmentAt(1.999).label());
    assertEquals("hold", profile.segmentAt(2).label());
    assertEquals("hold", profile.segmentAt(99).label());
  }

  @Test
  void invalidSegmentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LoadProfile(List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> LoadSegment.open(-1, 1, Duration.ofSeconds(1), "x"));
    assertThrows(IllegalArgumentException.class, () -> LoadSegment.open(1, 1, Duration.ZERO, "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LoadSegment.closed(Double.NaN, 1, Duration.ofSeconds(1), "x"));
  }
}
