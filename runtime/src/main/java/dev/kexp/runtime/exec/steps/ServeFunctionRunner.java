package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.function.EmbeddedFunctionServer;
import dev.kexp.runtime.plan.Step;

/** Starts kexp's own function on a free loopback port. */
public final class ServeFunctionRunner implements StepRunner<Step.ServeFunction> {
  public Class<Step.ServeFunction> type() {
    return Step.ServeFunction.class;
  }

  public void run(Step.ServeFunction step, RunContext run) throws Exception {
    run.function = EmbeddedFunctionServer.start(run.vertx(), step.name(), step.arg());
    run.say("function %s listening at %s", step.name(), run.function.url());
  }
}
