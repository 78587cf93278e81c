package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import java.nio.file.Path;

/** {@code apply manifest(...)}, the file read beside the .kexp. */
public final class ApplyManifestRunner implements StepRunner<Step.ApplyManifest> {
  public Class<Step.ApplyManifest> type() {
    return Step.ApplyManifest.class;
  }

  public void run(Step.ApplyManifest step, RunContext run) throws Exception {
    run.cluster().apply(Path.of(run.plan().file()).resolveSibling(step.path()));
  }
}
