package dev.kexp.runtime.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A node that runs nothing and remembers what it was asked to do, in order. {@code kexp plan
 * --dry-run} drives the interpreter's node steps through it, so what is listed is what the very
 * same code sends to a real node. Replies can be scripted per command (a join line, a version), so
 * the flows that read output go the whole way.
 */
public final class RecordingRemote implements Remote {
  /** One thing that was asked of the node. */
  public record Call(String node, String line, boolean sudo, String upload) {
    @Override
    public String toString() {
      return upload != null ? "upload " + upload : (sudo ? "sudo " : "") + line;
    }
  }

  private final String node;
  private final NodeLog log;
  private final List<Call> calls;
  private final Map<Pattern, String> replies = new LinkedHashMap<>();

  /** Records into {@code calls}, which may be shared by the remotes of several nodes. */
  public RecordingRemote(String node, NodeLog log, List<Call> calls) {
    this.node = node;
    this.log = log;
    this.calls = calls;
  }

  public RecordingRemote(String node, List<Call> calls) {
    this(node, NodeLog.discard(node, new Redactor()), calls);
  }

  /** Commands whose line matches {@code regex} print {@code stdout} and succeed. */
  public RecordingRemote reply(String regex, String stdout) {
    replies.put(Pattern.compile(regex), stdout);
    return this;
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public CommandResult run(Command command) {
    synchronized (calls) {
      calls.add(new Call(node, command.line(), command.sudo(), null));
    }
    String out = "";
    for (Map.Entry<Pattern, String> r : replies.entrySet()) {
      if (r.getKey().matcher(command.line()).find()) {
        out = r.getValue();
        break;
      }
    }
    for (String line : out.split("\n", -1)) if (!line.isEmpty()) log.out(line);
    return new CommandResult(0, out, "");
  }

  @Override
  public void upload(byte[] content, String path, int mode) {
    synchronized (calls) {
      calls.add(new Call(node, null, false, path + " (" + content.length + " bytes)"));
    }
  }

  @Override
  public void close() {}

  /** Copies for tests that want a fresh list. */
  public static List<Call> newLog() {
    return new ArrayList<>();
  }
}
