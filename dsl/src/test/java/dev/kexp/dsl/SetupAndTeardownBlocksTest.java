package dev.kexp.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code setup { }} and {@code teardown { }} hold phases run once per matrix cell. */
class SetupAndTeardownBlocksTest {
  static final String LIFECYCLE =
      """
      experiment 'lifecycle' {
          cluster { master 'n0'; workers 'n1'; distro k3s }
          setup { install }
          phases { idle 5.s; startMaster; idle 5.s; stopMaster }
          teardown { uninstall }
          repeat 3
      }
      """;

  @Test
  void theBlocksHoldPhasesOfTheirOwn() {
    Kexp.Loaded loaded = Kexp.parse(LIFECYCLE, "lifecycle.kexp");
    assertFalse(loaded.hasErrors(), loaded.problems().toString());
    var e = loaded.experiment();
    assertEquals(List.of("install"), e.setup().stream().map(Phase::word).toList());
    assertEquals(List.of("uninstall"), e.teardown().stream().map(Phase::word).toList());
    assertEquals(4, e.phases().size());
    assertEquals(6, e.allPhases().size());
    assertEquals("install", e.allPhases().get(0).word());
    assertEquals("uninstall", e.allPhases().get(5).word());
  }

  @Test
  void aMeasurementInSetupIsAnErrorAtItsLine() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            experiment 'x' {
                cluster { local }
                workload function('factorial')
                setup { ramp 0..10 over 5.s }
                phases { hold 1 over 1.s }
            }
            """,
            "x.kexp");
    List<Problem> errors = loaded.problems().stream().filter(Problem::isError).toList();
    assertEquals(1, errors.size(), loaded.problems().toString());
    assertEquals(4, errors.get(0).at().line());
    assertTrue(errors.get(0).message().contains("move it into phases"), errors.toString());
  }

  @Test
  void aSecondSetupBlockIsAnError() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            experiment 'x' {
                cluster { master 'n0'; distro k3s }
                setup { install }
                setup { install }
                phases { idle 1.s }
            }
            """,
            "x.kexp");
    assertTrue(
        loaded.problems().stream().anyMatch(p -> p.message().contains("only one setup block")),
        loaded.problems().toString());
  }

  @Test
  void aLifecyclePhaseInSetupIsCheckedLikeAnyOther() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            experiment 'x' {
                cluster { local }
                setup { startMaster }
                phases { idle 1.s }
            }
            """,
            "x.kexp");
    assertTrue(
        loaded.problems().stream()
            .anyMatch(p -> p.isError() && p.message().contains("needs a cluster with a master")),
        loaded.problems().toString());
  }
}
