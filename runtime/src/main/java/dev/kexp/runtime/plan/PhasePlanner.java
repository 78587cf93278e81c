package dev.kexp.runtime.plan;

import dev.kexp.dsl.model.Phase;

/**
 * Turns one kind of phase of the .kexp file into steps. One implementation per {@link Phase}
 * record, in {@code plan/phases/}, registered in {@link PhasePlanners}.
 */
public interface PhasePlanner<P extends Phase> {
  /** The phase record this planner plans. */
  Class<P> type();

  /** Adds the phase's steps to {@code plan}, or refuses it there with the reason. */
  void plan(P phase, PlanContext plan);
}
