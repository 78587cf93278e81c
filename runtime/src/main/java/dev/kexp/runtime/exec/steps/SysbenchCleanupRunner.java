package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/** Drops sysbench's tables, when its step began to prepare them (also after a failure). */
public final class SysbenchCleanupRunner implements StepRunner<Step.SysbenchCleanup> {
  public Class<Step.SysbenchCleanup> type() {
    return Step.SysbenchCleanup.class;
  }

  public void run(Step.SysbenchCleanup step, RunContext run) throws Exception {
    if (!run.hasValue(SysbenchRunner.began(step.test()))) {
      run.say("nothing to clean up: sysbench %s did not begin", step.test());
      return;
    }
    run.runAll(step.node(), step.describe(), List.of(step.command()));
  }
}
