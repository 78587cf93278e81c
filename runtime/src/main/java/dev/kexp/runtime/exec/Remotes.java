package dev.kexp.runtime.exec;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.SshLogin;
import dev.kexp.runtime.control.LocalRemote;
import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.RecordingRemote;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.SshRemote;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How the interpreter reaches the nodes of a cluster, from the cluster's {@code ssh} line. */
public final class Remotes {
  public static final Path DEFAULT_KNOWN_HOSTS =
      Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");

  private Remotes() {}

  /** Opens one node of a cluster. */
  @FunctionalInterface
  public interface ClusterOpener {
    Remote open(Cluster cluster, String node, NodeLog log) throws IOException;
  }

  /**
   * SSH to every node of a real cluster ({@code cluster { local }} is this machine).
   *
   * @param acceptNew add unknown host keys to {@code knownHosts} (changed keys still fail)
   */
  public static ClusterOpener ssh(boolean acceptNew, Path knownHosts) {
    return (cluster, node, log) -> {
      if (cluster.local()) return new LocalRemote(node, log);
      return new SshRemote(settings(cluster.ssh(), node, acceptNew, knownHosts), log);
    };
  }

  /** A recorder per node, all writing into {@code calls}: a dry run. */
  public static ClusterOpener recording(List<RecordingRemote.Call> calls) {
    return (cluster, node, log) -> new RecordingRemote(node, log, calls);
  }

  static SshRemote.Settings settings(
      SshLogin ssh, String node, boolean acceptNew, Path knownHosts) {
    SshRemote.Settings s =
        SshRemote.Settings.of(node, ssh.port(), ssh.user(), ssh.keyFile())
            .withKnownHosts(knownHosts, acceptNew)
            .withJump(ssh.jump());
    Secret p = ssh.passphrase();
    return p == null ? s : s.withPassphrase(() -> p.reveal().toCharArray());
  }
}
