package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.bench.LocalMysql;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepFailed;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.plan.Step;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the local MySQL-compatible server, points sysbench's {@code {{mysql-...}}} values at it
 * and records in the manifest which server and version actually ran.
 */
public final class StartMysqlRunner implements StepRunner<Step.StartMysql> {
  public Class<Step.StartMysql> type() {
    return Step.StartMysql.class;
  }

  public void run(Step.StartMysql step, RunContext run) throws Exception {
    LocalMysql m;
    try {
      m = LocalMysql.start(null);
    } catch (LocalMysql.Unavailable e) {
      throw new StepFailed(step.describe() + ": " + e.getMessage(), e);
    }
    run.mysql = m;
    run.nodes().redactor().add(m.password());
    run.keepValue(Step.MysqlTarget.HOST, m.host(), false);
    run.keepValue(Step.MysqlTarget.PORT, Integer.toString(m.port()), false);
    run.keepValue(Step.MysqlTarget.USER, LocalMysql.USER, false);
    run.keepValue(Step.MysqlTarget.PASSWORD, Plans.shellWord(m.password()), true);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("server", m.server());
    facts.put("version", m.version());
    facts.put("asked_for", "MySQL " + step.version());
    facts.put("address", m.host() + ":" + m.port());
    run.manifest().runPut(run.run().id(), "mysql", facts);
    run.say("%s listening at %s:%d (%s)", m.server(), m.host(), m.port(), m.version());
  }
}
