package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Aggregates.Summary;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatesTest {

  @Test
  void meanSampleSdAndInterval() {
    Summary s = Aggregates.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
    assertEquals(8, s.n());
    assertEquals(5.0, s.mean(), 1e-12);
    // sample (n − 1) sd of this classic set is sqrt(32 / 7)
    assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-12);
    double half = 2.365 * Math.sqrt(32.0 / 7) / Math.sqrt(8);
    assertEquals(5.0 - half, s.ciLow(), 1e-12);
    assertEquals(5.0 + half, s.ciHigh(), 1e-12);
  }

  @Test
  void singleObservationHasNoSpread() {
    Summary s = Aggregates.of(List.of(42.0));
    assertEquals(1, s.n());
    assertEquals(42.0, s.mean());
    assertFalse(s.hasSpread());
    assertTrue(Double.isNaN(s.sd()));
    assertTrue(Double.isNaN(s.ciLow()));
  }

  @Test
  void absentValuesAreNotObservations() {
    Summary s = Aggregates.of(Arrays.asList(100.0, Double.NaN, null, 200.0));
    assertEquals(2, s.n());
    assertEquals(150.0, s.mean(), 1e-12);
    assertEquals(70.71067811865476, s.sd(), 1e-12);
    assertEquals(0, Aggregates.of(List.of()).n());
  }

  @Test
  void studentTCriticalValues() {
    assertEquals(12.706, Aggregates.tCritical95(1));
    assertEquals(2.064, Aggregates.tCritical95(24));
    assertEquals(2.042, Aggregates.tCritical95(35));
    assertEquals(1.980, Aggregates.tCritical95(1000));
    assertThrows(IllegalArgumentException.class, () -> Aggregates.tCritical95(0));
  }
}
