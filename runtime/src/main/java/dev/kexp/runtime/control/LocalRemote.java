package dev.kexp.runtime.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * This machine, for {@code cluster { local }}: commands run under {@code sh -c} (through {@code
 * sudo -n} when they need root and kexp is not root), with the same streaming, timeout and kill as
 * on a remote node. A killed command takes its whole process tree with it.
 */
public final class LocalRemote implements Remote {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final String node;
  private final NodeLog log;

  public LocalRemote(String node, NodeLog log) {
    this.node = node;
    this.log = log;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public CommandResult run(Command command) throws RemoteException {
    List<String> argv = new ArrayList<>();
    if (command.sudo() && !ROOT) argv.addAll(List.of("sudo", "-n"));
    argv.addAll(List.of("sh", "-c", command.line()));
    Process p;
    try {
      p =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new RemoteException(
          "cannot start `" + command.line() + "` on " + node + ": " + e.getMessage(), e);
    }
    Pump out = new Pump("kexp-local-out", p.getInputStream(), log::out);
    Pump err = new Pump("kexp-local-err", p.getErrorStream(), log::err);
    out.start();
    err.start();
    String ended = null;
    try {
      if (!p.waitFor(command.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        ended = "timed out after " + command.timeout().toSeconds() + " s";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = "cancelled";
    }
    if (ended != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new RemoteException(
          "`" + log.redactor().redact(command.line()) + "` on " + node + " " + ended + "; killed");
    }
    return new CommandResult(p.exitValue(), out.finish(5000), err.finish(5000));
  }

  @Override
  public void upload(byte[] content, String path, int mode) throws RemoteException {
    try {
      Path target = Path.of(path);
      if (target.getParent() != null) Files.createDirectories(target.getParent());
      Files.write(target, content);
      Files.setPosixFilePermissions(target, permissions(mode));
    } catch (IOException | UnsupportedOperationException e) {
      // UnsupportedOperationException: a file system without POSIX permissions (the mode cannot be
      // honoured, which for a secret file must not pass silently).
      throw new RemoteException("cannot write " + path + " on " + node + ": " + e.getMessage(), e);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) if ((mode & (1 << i)) != 0) s.add(order[i]);
    return s;
  }

  @Override
  public void close() {}
}
