package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** {@code cluster { local }}: this machine is the only node and nothing is installed. */
public final class UseLocalMachineRunner implements StepRunner<Step.UseLocalMachine> {
  public Class<Step.UseLocalMachine> type() {
    return Step.UseLocalMachine.class;
  }

  public void run(Step.UseLocalMachine step, RunContext run) throws Exception {
    // Nothing to do: the steps that follow reach this machine directly.
  }
}
