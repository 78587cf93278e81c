package dev.kexp.runtime.cluster;

import dev.kexp.runtime.control.Remote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Remote} that is this machine: each command runs in {@code sh -c} with ProcessBuilder and
 * is recorded. {@code sudo} is recorded but not used. Directories put first on PATH let a test
 * provide programs the node would have (here, a helm that logs the arguments it receives).
 */
final class LocalRemote implements Remote {
  private final String node;
  private final List<Path> path;
  private final List<Command> commands = new ArrayList<>();

  LocalRemote(String node, List<Path> path) {
    this.node = node;
    this.path = List.copyOf(path);
  }

  @Override
  public String node() {
    return node;
  }

  synchronized List<Command> commands() {
    return List.copyOf(commands);
  }

  @Override
  public CommandResult run(Command command) throws RemoteException {
    synchronized (this) {
      commands.add(command);
    }
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command.line());
    StringBuilder p = new StringBuilder();
    for (Path d : path) p.append(d).append(':');
    pb.environment().put("PATH", p + System.getenv("PATH"));
    try {
      Path out = Files.createTempFile("kexp-out", ".txt");
      Path err = Files.createTempFile("kexp-err", ".txt");
      Process proc = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!proc.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        proc.destroyForcibly();
        throw new RemoteException("timed out after " + command.timeout() + ": " + command.line());
      }
      CommandResult r =
          new CommandResult(
              proc.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new RemoteException("cannot run " + command.line(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException("interrupted: " + command.line(), e);
    }
  }

  @Override
  public void upload(byte[] content, String path, int mode) throws RemoteException {
    try {
      Files.write(Path.of(path), content);
    } catch (IOException e) {
      throw new RemoteException("cannot write " + path, e);
    }
  }

  @Override
  public void close() {}
}
