package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/**
 * {@code sysbench ...}: on the loader (the master when there is none; this machine on {@code
 * cluster { local }}), against the file's target or the mysql workload's server. sysbench is
 * installed if missing, then the levels run, then the tables are dropped however the run ends.
 */
public final class SysbenchPlanner implements PhasePlanner<Phase.Sysbench> {
  public Class<Phase.Sysbench> type() {
    return Phase.Sysbench.class;
  }

  public void plan(Phase.Sysbench p, PlanContext plan) {
    Cluster c = plan.cluster();
    Node node = c.local() || c.loader() == null ? c.nodes().get(0) : c.loader();
    String phase = plan.label(p);
    plan.add(BenchmarkTools.ensure(phase, node, c.local(), "sysbench", "sysbench", null));
    Step.MysqlTarget target =
        p.target() == null
            ? Step.MysqlTarget.workload()
            : Step.MysqlTarget.of(p.target(), p.password());
    Step.Sysbench s =
        new Step.Sysbench(
            phase,
            node.host(),
            p.test(),
            p.threads(),
            p.each(),
            p.reportEvery(),
            p.tables(),
            p.tableSize(),
            target);
    plan.add(s);
    plan.add(new Step.SysbenchCleanup(phase, node.host(), p.test(), s.cleanup()));
  }
}
