package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.Workload;
import dev.kexp.runtime.plan.PhasePlanners;
import dev.kexp.runtime.plan.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record of the sealed {@link Phase} and {@link Step} hierarchies has its handler, found by
 * walking {@code getPermittedSubclasses()}: a new keyword cannot be parsed but not planned, and a
 * new step cannot be planned but not runnable.
 */
class EveryStepAndPhaseHasAHandlerTest {
  /** The records under a sealed type, through sealed sub-interfaces such as LoadPhase. */
  static List<Class<?>> records(Class<?> sealed) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isSealed()) out.addAll(records(c));
      else out.add(c);
    }
    return out;
  }

  @Test
  void everyPhaseRecordHasAPlanner() {
    List<Class<?>> phases = records(Phase.class);
    assertTrue(phases.size() >= 19, phases.toString());
    List<String> missing = new ArrayList<>();
    for (Class<?> p : phases) {
      var planner = PhasePlanners.forType(p);
      if (planner == null) missing.add(p.getSimpleName());
      else assertEquals(p, planner.type());
    }
    assertEquals(List.of(), missing, "phases without a planner in PhasePlanners");
  }

  @Test
  void everyStepRecordHasARunner() {
    List<Class<?>> steps = records(Step.class);
    assertTrue(steps.size() >= 20, steps.toString());
    List<String> missing = new ArrayList<>();
    for (Class<?> s : steps) {
      var runner = StepRunners.forType(s);
      if (runner == null) missing.add(s.getSimpleName());
      else assertEquals(s, runner.type());
    }
    assertEquals(List.of(), missing, "steps without a runner in StepRunners");
  }

  @Test
  void everyWorkloadRecordHasADriver() {
    for (Class<?> w : records(Workload.class)) {
      assertTrue(
          dev.kexp.runtime.workload.Workloads.hasDriver(w), "no driver for " + w.getSimpleName());
    }
  }
}
