package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import java.nio.file.Path;

/** {@code delete manifest(...)}, the file read beside the .kexp. */
public final class DeleteManifestRunner implements StepRunner<Step.DeleteManifest> {
  public Class<Step.DeleteManifest> type() {
    return Step.DeleteManifest.class;
  }

  public void run(Step.DeleteManifest step, RunContext run) throws Exception {
    run.cluster().delete(Path.of(run.plan().file()).resolveSibling(step.path()));
  }
}
