package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/** Stops the local MySQL-compatible server and deletes its data directory. */
public final class StopMysqlRunner implements StepRunner<Step.StopMysql> {
  public Class<Step.StopMysql> type() {
    return Step.StopMysql.class;
  }

  public void run(Step.StopMysql step, RunContext run) {
    run.stopMysql();
  }
}
