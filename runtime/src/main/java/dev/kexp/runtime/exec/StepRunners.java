package dev.kexp.runtime.exec;

import dev.kexp.runtime.exec.steps.ApplyDeploymentRunner;
import dev.kexp.runtime.exec.steps.ApplyManifestRunner;
import dev.kexp.runtime.exec.steps.CheckHypervisorRunner;
import dev.kexp.runtime.exec.steps.CheckIdleRunner;
import dev.kexp.runtime.exec.steps.DeleteDeploymentRunner;
import dev.kexp.runtime.exec.steps.DeleteManifestRunner;
import dev.kexp.runtime.exec.steps.DeployWorkloadRunner;
import dev.kexp.runtime.exec.steps.DrainRunner;
import dev.kexp.runtime.exec.steps.FetchKubeconfigRunner;
import dev.kexp.runtime.exec.steps.HelmRunner;
import dev.kexp.runtime.exec.steps.IozoneRunner;
import dev.kexp.runtime.exec.steps.LoadFromLoadersRunner;
import dev.kexp.runtime.exec.steps.LoadRunner;
import dev.kexp.runtime.exec.steps.NodeFactsRunner;
import dev.kexp.runtime.exec.steps.OnNodeRunner;
import dev.kexp.runtime.exec.steps.PauseRunner;
import dev.kexp.runtime.exec.steps.PrepareLoadersRunner;
import dev.kexp.runtime.exec.steps.QueryPrometheusRunner;
import dev.kexp.runtime.exec.steps.RemoveWorkloadRunner;
import dev.kexp.runtime.exec.steps.ServeFunctionRunner;
import dev.kexp.runtime.exec.steps.StartMysqlRunner;
import dev.kexp.runtime.exec.steps.StartSamplingRunner;
import dev.kexp.runtime.exec.steps.StopFunctionRunner;
import dev.kexp.runtime.exec.steps.StopMysqlRunner;
import dev.kexp.runtime.exec.steps.StopSamplingRunner;
import dev.kexp.runtime.exec.steps.SysbenchCleanupRunner;
import dev.kexp.runtime.exec.steps.SysbenchRunner;
import dev.kexp.runtime.exec.steps.UseLocalMachineRunner;
import dev.kexp.runtime.exec.steps.WaitRunner;
import dev.kexp.runtime.exec.steps.WatchReplicasRunner;
import dev.kexp.runtime.plan.Step;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of step runners. A test walks the sealed {@link Step} hierarchy and fails if a
 * record has no runner here, so a step cannot be planned but not runnable.
 */
public final class StepRunners {
  private StepRunners() {}

  static final List<StepRunner<?>> ALL =
      List.of(
          new ApplyDeploymentRunner(),
          new ApplyManifestRunner(),
          new CheckHypervisorRunner(),
          new CheckIdleRunner(),
          new DeleteDeploymentRunner(),
          new DeleteManifestRunner(),
          new DeployWorkloadRunner(),
          new DrainRunner(),
          new FetchKubeconfigRunner(),
          new HelmRunner(),
          new IozoneRunner(),
          new LoadRunner(),
          new LoadFromLoadersRunner(),
          new NodeFactsRunner(),
          new OnNodeRunner(),
          new PauseRunner(),
          new PrepareLoadersRunner(),
          new QueryPrometheusRunner(),
          new RemoveWorkloadRunner(),
          new ServeFunctionRunner(),
          new StartMysqlRunner(),
          new StartSamplingRunner(),
          new StopFunctionRunner(),
          new StopMysqlRunner(),
          new StopSamplingRunner(),
          new SysbenchCleanupRunner(),
          new SysbenchRunner(),
          new UseLocalMachineRunner(),
          new WaitRunner(),
          new WatchReplicasRunner());

  private static final Map<Class<?>, StepRunner<?>> BY_TYPE =
      ALL.stream().collect(Collectors.toMap(StepRunner::type, Function.identity()));

  /** The runner of this step record, or null if there is none. */
  public static StepRunner<?> forType(Class<?> type) {
    return BY_TYPE.get(type);
  }

  /** The runner of {@code step}. */
  @SuppressWarnings("unchecked")
  static StepRunner<Step> of(Step step) {
    StepRunner<Step> r = (StepRunner<Step>) BY_TYPE.get(step.getClass());
    if (r == null) throw new IllegalStateException("no runner for step " + step.describe());
    return r;
  }
}
