package dev.kexp.runtime.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nodes of one run: one {@link Remote} per node, opened on first use and reused by every step,
 * each with its log {@code nodes/NODE.log} in the run's directory, all sharing one redactor.
 */
public final class Nodes implements AutoCloseable {
  /** Opens a node: over SSH, this machine, or a recorder. */
  @FunctionalInterface
  public interface Opener {
    Remote open(String node, NodeLog log) throws IOException;
  }

  private final Path logs;
  private final Redactor redactor;
  private final Opener opener;
  private final Map<String, Remote> remotes = new LinkedHashMap<>();
  private final Map<String, NodeLog> nodeLogs = new LinkedHashMap<>();

  public Nodes(Path logs, Redactor redactor, Opener opener) {
    this.logs = logs;
    this.redactor = redactor;
    this.opener = opener;
  }

  public Redactor redactor() {
    return redactor;
  }

  public synchronized NodeLog log(String node) throws IOException {
    NodeLog l = nodeLogs.get(node);
    if (l == null) {
      l =
          NodeLog.open(
              logs.resolve(node.replaceAll("[^A-Za-z0-9._-]", "_") + ".log"), node, redactor);
      nodeLogs.put(node, l);
    }
    return l;
  }

  public synchronized Remote get(String node) throws IOException {
    Remote r = remotes.get(node);
    if (r == null) {
      r = opener.open(node, log(node));
      remotes.put(node, r);
    }
    return r;
  }

  /** The node for quiet, frequent reads (sampling): same connection where possible, no log. */
  public synchronized Remote quiet(String node) throws IOException {
    Remote r = get(node);
    NodeLog none = NodeLog.discard(node, redactor);
    if (r instanceof SshRemote ssh) return ssh.withLog(none);
    return opener.open(node, none);
  }

  /**
   * The node over a connection of its own, logging to the node's log, not kept: the caller closes
   * it. A long-running command (the load agent) lives and dies with its own connection.
   */
  public Remote fresh(String node) throws IOException {
    return opener.open(node, log(node));
  }

  @Override
  public synchronized void close() {
    remotes.values().forEach(Remote::close);
    nodeLogs.values().forEach(NodeLog::close);
    remotes.clear();
    nodeLogs.clear();
  }
}
