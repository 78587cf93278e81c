package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Significance.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignificanceTest {

  // The first example of Wikipedia's "Welch's t-test" article; reference values from R
  // (t.test(a, b), wilcox.test(a, b, exact = FALSE, correct = TRUE)) and by hand for d and g.
  static final List<Double> A =
      List.of(
          27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4);
  static final List<Double> B =
      List.of(
          27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4);

  @Test
  void welchTestAndEffectSizesMatchReferenceValues() {
    Comparison c = Significance.compare(A, B);
    assertEquals(15, c.n1());
    assertEquals(-2.455356398, c.welchT(), 1e-8);
    assertEquals(0.021378001, c.welchP(), 1e-6);
    // d = (mean1 − mean2) / pooled sd; g = d · (1 − 3 / (4 · 30 − 9))
    assertEquals(-0.896569391, c.cohensD(), 1e-8);
    assertEquals(-0.872337786, c.hedgesG(), 1e-8);
    assertTrue(c.welchP() < 0.05);
  }

  @Test
  void mannWhitneyUAndRankBiserial() {
    Comparison c = Significance.compare(A, B);
    // 53.5 of the 225 pairs have the first value larger (ties count one half)
    assertEquals(53.5, c.mannWhitneyU(), 1e-12);
    assertEquals(2 * 53.5 / 225 - 1, c.rankBiserial(), 1e-12);
    assertTrue(c.mannWhitneyP() > 0.01 && c.mannWhitneyP() < 0.02, "p " + c.mannWhitneyP());
  }

  @Test
  void completelySeparatedSamples() {
    Comparison c = Significance.compare(List.of(4.0, 5.0, 6.0), List.of(1.0, 2.0, 3.0));
    assertEquals(9.0, c.mannWhitneyU());
    assertEquals(1.0, c.rankBiserial(), 1e-12);
    assertTrue(c.cohensD() > 0);
    // Three runs a side can never reach p < 0.05 with a rank test: the smallest exact p is 0.1.
    assertTrue(c.mannWhitneyP() >= 0.05, "p " + c.mannWhitneyP());
    assertFalse(c.significant(0.05));
  }

  @Test
  void tooFewRunsOrNoVarianceIsNotComputable() {
    Comparison one = Significance.compare(List.of(1.0), List.of(2.0, 3.0));
    assertTrue(Double.isNaN(one.welchP()));
    assertTrue(Double.isNaN(one.cohensD()));
    Comparison constant = Significance.compare(List.of(2.0, 2.0), List.of(2.0, 2.0));
    assertTrue(Double.isNaN(constant.welchT()));
    assertTrue(Double.isNaN(constant.cohensD()));
    assertEquals(0.0, constant.rankBiserial(), 1e-12);
  }
}
