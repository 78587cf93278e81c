package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepFailed;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import dev.kexp.stdlib.Hypervisor;
import dev.kexp.stdlib.Stdlib;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Reads what each node runs under and records it; a node that is not what the file declares fails
 * the run, unless {@code --ignore-hypervisor} (then it is a recorded warning).
 */
public final class CheckHypervisorRunner implements StepRunner<Step.CheckHypervisor> {
  public Class<Step.CheckHypervisor> type() {
    return Step.CheckHypervisor.class;
  }

  public void run(Step.CheckHypervisor h, RunContext run) throws Exception {
    Hypervisor declared = Stdlib.get().hypervisors().get(h.hypervisor());
    Map<String, String> problems = new ConcurrentSkipListMap<>();
    run.fanout(
        h.nodes(),
        node -> {
          String out = run.runOn(node, h.describe(), h.probe(), false);
          Map<String, String> found = Hypervisor.parse(out);
          run.manifest().runFact(run.run().id(), node, "hypervisor", found);
          declared.mismatch(h.mode(), found).ifPresent(p -> problems.put(node, p));
        });
    if (problems.isEmpty()) return;
    String declaredText = h.hypervisor() + (h.mode() == null ? "" : " " + h.mode());
    StringBuilder m = new StringBuilder();
    problems.forEach(
        (node, p) -> m.append(m.length() == 0 ? "" : "; ").append(node).append(" is ").append(p));
    if (run.options().ignoreHypervisor()) {
      run.say("warning: %s (declared %s; going on: --ignore-hypervisor)", m, declaredText);
      run.event(Event.WARNING, h.phase(), 0, Map.of(EventsFile.MESSAGE, m.toString()));
      return;
    }
    throw new StepFailed(
        "the nodes are not what the file declares (hypervisor "
            + declaredText
            + "): "
            + m
            + "; fix the file, or run with --ignore-hypervisor to go on anyway",
        null);
  }
}
