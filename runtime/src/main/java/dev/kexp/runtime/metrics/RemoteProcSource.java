package dev.kexp.runtime.metrics;

import dev.kexp.runtime.control.Remote;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a node's /proc over its {@link Remote}: the four files of a snapshot in one command, so one
 * round trip per sample and the files describe nearly the same instant.
 */
public final class RemoteProcSource implements ProcSource {
  private static final String MARK = "@@kexp-file ";

  private final Remote remote;

  public RemoteProcSource(Remote remote) {
    this.remote = remote;
  }

  @Override
  public String read(String path) throws IOException {
    return readAll(List.of(path)).get(path);
  }

  @Override
  public Map<String, String> readAll(List<String> paths) throws IOException {
    StringBuilder line = new StringBuilder();
    for (String p : paths) {
      if (!p.matches("/proc/[a-z/]+")) throw new IllegalArgumentException("not a /proc file: " + p);
      line.append("echo '").append(MARK).append(p).append("'; cat ").append(p).append("; ");
    }
    Remote.CommandResult r;
    try {
      r = remote.run(new Remote.Command(line.toString(), false, Duration.ofSeconds(10)));
    } catch (Remote.RemoteException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (!r.ok()) {
      throw new IOException(
          "reading /proc on " + remote.node() + " exited " + r.exit() + ": " + r.stderr().strip());
    }
    return split(r.stdout());
  }

  /** The output of the command above, back into one text per file. */
  static Map<String, String> split(String out) {
    Map<String, String> texts = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String l : out.split("\n", -1)) {
      if (l.startsWith(MARK)) {
        if (current != null) texts.put(current, text.toString());
        current = l.substring(MARK.length());
        text.setLength(0);
      } else if (current != null) {
        text.append(l).append('\n');
      }
    }
    if (current != null) texts.put(current, text.toString());
    return texts;
  }
}
