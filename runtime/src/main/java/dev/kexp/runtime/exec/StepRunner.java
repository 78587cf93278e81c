package dev.kexp.runtime.exec;

import dev.kexp.runtime.plan.Step;
import java.util.List;

/**
 * Carries out one kind of {@link Step}. One implementation per step record, in {@code exec/steps/},
 * registered in {@link StepRunners}; a test fails when a step record has none.
 */
public interface StepRunner<S extends Step> {
  /** The step record this runner runs. */
  Class<S> type();

  /** Runs the step; an exception fails it (and the run), with its message as the reason. */
  void run(S step, RunContext run) throws Exception;

  /** Whether {@code next} runs together with {@code step} (in parallel), as one group. */
  default boolean together(S step, Step next) {
    return false;
  }

  /** Runs a group of steps {@link #together}; one by one unless the runner knows better. */
  default void runTogether(List<S> group, RunContext run) throws Exception {
    for (S s : group) run(s, run);
  }
}
