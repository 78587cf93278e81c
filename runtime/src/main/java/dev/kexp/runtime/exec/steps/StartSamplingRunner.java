package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.metrics.LocalProcSource;
import dev.kexp.runtime.metrics.NodeSampler;
import dev.kexp.runtime.metrics.ProcSource;
import dev.kexp.runtime.metrics.RemoteProcSource;
import dev.kexp.runtime.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** Starts sampling /proc of every node (this machine's own for a local cluster). */
public final class StartSamplingRunner implements StepRunner<Step.StartSampling> {
  public Class<Step.StartSampling> type() {
    return Step.StartSampling.class;
  }

  public void run(Step.StartSampling step, RunContext run) throws Exception {
    List<NodeSampler.Target> targets = new ArrayList<>();
    boolean local = run.run().nodes().local();
    for (Step.SampledNode n : step.sampled()) {
      ProcSource source =
          local ? new LocalProcSource() : new RemoteProcSource(run.nodes().quiet(n.host()));
      targets.add(new NodeSampler.Target(n.host(), n.role(), source));
    }
    run.sampling.start(targets, step.every(), run.dir());
  }
}
