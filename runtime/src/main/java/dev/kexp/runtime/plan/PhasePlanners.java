package dev.kexp.runtime.plan;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.phases.AddWorkersPlanner;
import dev.kexp.runtime.plan.phases.ApplyManifestPlanner;
import dev.kexp.runtime.plan.phases.ApplyPlanner;
import dev.kexp.runtime.plan.phases.CooldownPlanner;
import dev.kexp.runtime.plan.phases.DeleteManifestPlanner;
import dev.kexp.runtime.plan.phases.DeletePlanner;
import dev.kexp.runtime.plan.phases.DeployPlanner;
import dev.kexp.runtime.plan.phases.DrainWorkersPlanner;
import dev.kexp.runtime.plan.phases.HoldPlanner;
import dev.kexp.runtime.plan.phases.IdlePlanner;
import dev.kexp.runtime.plan.phases.InstallPlanner;
import dev.kexp.runtime.plan.phases.IozonePlanner;
import dev.kexp.runtime.plan.phases.RampPlanner;
import dev.kexp.runtime.plan.phases.RatePlanner;
import dev.kexp.runtime.plan.phases.StartMasterPlanner;
import dev.kexp.runtime.plan.phases.StepsPlanner;
import dev.kexp.runtime.plan.phases.StopMasterPlanner;
import dev.kexp.runtime.plan.phases.SysbenchPlanner;
import dev.kexp.runtime.plan.phases.UninstallPlanner;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of phase planners. A test walks the sealed {@link Phase} hierarchy and fails if
 * a record has no planner here, so a keyword cannot be parsed but not planned.
 */
public final class PhasePlanners {
  private PhasePlanners() {}

  static final List<PhasePlanner<?>> ALL =
      List.of(
          new InstallPlanner(),
          new DeployPlanner(),
          new UninstallPlanner(),
          new RampPlanner(),
          new RatePlanner(),
          new HoldPlanner(),
          new StepsPlanner(),
          new CooldownPlanner(),
          new IdlePlanner(),
          new StartMasterPlanner(),
          new StopMasterPlanner(),
          new AddWorkersPlanner(),
          new DrainWorkersPlanner(),
          new ApplyPlanner(),
          new DeletePlanner(),
          new ApplyManifestPlanner(),
          new DeleteManifestPlanner(),
          new SysbenchPlanner(),
          new IozonePlanner());

  private static final Map<Class<?>, PhasePlanner<?>> BY_TYPE =
      ALL.stream().collect(Collectors.toMap(PhasePlanner::type, Function.identity()));

  /** The planner of this phase record, or null if there is none. */
  public static PhasePlanner<?> forType(Class<?> type) {
    return BY_TYPE.get(type);
  }

  /** Plans one phase through its planner. */
  @SuppressWarnings("unchecked")
  static void plan(Phase p, PlanContext ctx) {
    PhasePlanner<Phase> planner = (PhasePlanner<Phase>) BY_TYPE.get(p.getClass());
    if (planner == null) throw new IllegalStateException("no planner for phase " + p.word());
    planner.plan(p, ctx);
  }
}
