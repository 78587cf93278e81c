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
    // t(0.975, 7) = 2.36462425 (R: qt(0.975, 7))
    double half = 2.36462425 * Math.sqrt(32.0 / 7) / Math.sqrt(8);
    assertEquals(5.0 - half, s.ciLow(), 1e-8);
    assertEquals(5.0 + half, s.ciHigh(), 1e-8);
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
    // Reference quantiles of R's qt(0.975, df).
    assertEquals(12.70620474, Aggregates.tCritical95(1), 1e-7);
    assertEquals(2.06389856, Aggregates.tCritical95(24), 1e-7);
    assertEquals(1.96233908, Aggregates.tCritical95(1000), 1e-7);
    assertThrows(IllegalArgumentException.class, () -> Aggregates.tCritical95(0));
  }
}
