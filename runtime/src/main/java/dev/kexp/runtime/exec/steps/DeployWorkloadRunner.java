package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import dev.kexp.runtime.workload.Workloads;
import java.util.Map;

/** Deploys the workload through its driver and keeps where it serves. */
public final class DeployWorkloadRunner implements StepRunner<Step.DeployWorkload> {
  public Class<Step.DeployWorkload> type() {
    return Step.DeployWorkload.class;
  }

  public void run(Step.DeployWorkload step, RunContext run) throws Exception {
    String url = Workloads.of(step.workload()).deploy(run.cluster(), step.exposed());
    if (step.exposed()) run.workloadUrl = url;
    if (step.workload().speaksMysql()) mysqlValues(url, run);
    run.say("%s serves at %s", step.workload().word(), url);
    run.event(Event.WORKLOAD_READY, Map.of(EventsFile.URL, url));
  }

  /** Points sysbench's {@code {{mysql-...}}} values at the deployed server (mysql://host:port). */
  private static void mysqlValues(String url, RunContext run) {
    java.net.URI u = java.net.URI.create(url);
    run.keepValue(Step.MysqlTarget.HOST, u.getHost(), false);
    run.keepValue(Step.MysqlTarget.PORT, Integer.toString(u.getPort()), false);
    run.keepValue(Step.MysqlTarget.USER, "root", false);
    run.keepValue(
        Step.MysqlTarget.PASSWORD, dev.kexp.runtime.cluster.Manifests.MYSQL_PASSWORD, true);
  }
}
