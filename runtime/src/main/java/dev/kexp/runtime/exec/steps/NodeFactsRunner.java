package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.NodeSteps;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import java.util.Map;

/** Records facts of every node (kernel, versions, ...) in the run's entry of manifest.json. */
public final class NodeFactsRunner implements StepRunner<Step.NodeFacts> {
  public Class<Step.NodeFacts> type() {
    return Step.NodeFacts.class;
  }

  public void run(Step.NodeFacts f, RunContext run) throws Exception {
    run.fanout(
        f.nodes(),
        node -> {
          for (Map.Entry<String, Cmd> fact : f.facts().entrySet()) {
            String value;
            try {
              value = run.runOn(node, f.describe(), fact.getValue(), false).strip();
            } catch (NodeSteps.CommandFailed e) {
              // A fact that cannot be read is recorded as such; it does not stop the experiment.
              value = "(unknown: " + e.getMessage() + ")";
            }
            run.manifest().runFact(run.run().id(), node, fact.getKey(), value);
          }
        });
  }
}
