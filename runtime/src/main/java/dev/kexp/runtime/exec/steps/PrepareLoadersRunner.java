package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.agent.AgentJar;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.Shell;
import dev.kexp.runtime.exec.NodeSteps;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import java.time.Duration;

/**
 * Gives every loader Java and kexp's jar (see {@link Step.PrepareLoaders}), in parallel. A loader
 * that cannot have them fails the run here, naming the node, before any load.
 */
public final class PrepareLoadersRunner implements StepRunner<Step.PrepareLoaders> {
  public Class<Step.PrepareLoaders> type() {
    return Step.PrepareLoaders.class;
  }

  public void run(Step.PrepareLoaders p, RunContext run) throws Exception {
    AgentJar jar = AgentJar.current();
    run.fanout(
        p.nodes(),
        node -> {
          try {
            run.runOn(node, "make Java 17+ ready for kexp's agent", p.java(), false);
          } catch (NodeSteps.CommandFailed e) {
            throw new IllegalStateException(
                "loader " + node + " cannot run kexp's agent: " + e.getMessage(), e);
          }
          upload(run, node, jar);
        });
  }

  /** Uploads the jar unless the node's cache has it, checked by its SHA-256 either way. */
  static void upload(RunContext run, String node, AgentJar jar) throws Exception {
    Remote remote = run.nodes().get(node);
    String path = Shell.quote(jar.path());
    // As the login user, so that the agent, which runs as that user, may write its seconds there.
    Remote.CommandResult dirs =
        remote.run(
            new Remote.Command(
                "mkdir -p "
                    + Shell.quote(LoadFromLoadersRunner.DATA)
                    + " && test -w "
                    + Shell.quote(LoadFromLoadersRunner.DATA),
                false,
                Duration.ofMinutes(1)));
    if (!dirs.ok()) {
      throw new IllegalStateException(
          "loader "
              + node
              + ": cannot make "
              + LoadFromLoadersRunner.DATA
              + " in the login's home: "
              + dirs.stderr().strip());
    }
    Remote.CommandResult cached =
        remote.run(
            new Remote.Command(
                "sha256sum " + path + " 2>/dev/null || true", false, Duration.ofMinutes(1)));
    if (cached.stdout().startsWith(jar.sha256())) {
      run.nodes().log(node).note("kexp's jar is cached: " + jar.path());
      return;
    }
    try {
      remote.uploadAsLogin(jar.bytes(), jar.path(), 0644);
    } catch (Remote.RemoteException e) {
      throw new IllegalStateException(
          "loader " + node + " refused kexp's jar: " + e.getMessage(), e);
    }
    Remote.CommandResult check =
        remote.run(new Remote.Command("sha256sum " + path, false, Duration.ofMinutes(1)));
    if (!check.stdout().startsWith(jar.sha256())) {
      throw new IllegalStateException(
          "loader "
              + node
              + ": kexp's jar arrived damaged (its SHA-256 is not "
              + jar.sha256()
              + ")");
    }
  }
}
