package dev.kexp.runtime.control;

import java.time.Duration;

/**
 * A node kexp runs commands on: over SSH for a real cluster, this machine for {@code cluster {
 * local }}, or a recorder for {@code kexp plan}. Plan and run share one code path through it.
 */
public interface Remote extends AutoCloseable {
  /** The node's name as the .kexp file gives it. */
  String node();

  /**
   * Runs one command and waits for it, at most {@code command.timeout()}; a command that times out
   * or is cancelled is killed on the node. The exit status is returned, not thrown.
   */
  CommandResult run(Command command) throws RemoteException;

  /** Writes a file on the node (SFTP for SSH), creating or replacing it with the given mode. */
  void upload(byte[] content, String path, int mode) throws RemoteException;

  /**
   * Writes a file the login user owns (a path in its home, say): no root needed, unlike {@link
   * #upload}, which installs as root so that any path works.
   */
  default void uploadAsLogin(byte[] content, String path, int mode) throws RemoteException {
    upload(content, path, mode);
  }

  /**
   * Starts a command and returns at once with its standard streams (its standard error goes to the
   * node's log). Bounded by {@code command.timeout()} on the node like {@link #run}.
   */
  default RemoteProcess start(Command command) throws RemoteException {
    throw new RemoteException("cannot start a long-running command on " + node());
  }

  @Override
  void close();

  /** One command line, run by a POSIX shell, optionally as root through sudo. */
  record Command(String line, boolean sudo, Duration timeout) {
    public static Command of(String line) {
      return new Command(line, false, Duration.ofMinutes(10));
    }

    public static Command root(String line) {
      return new Command(line, true, Duration.ofMinutes(10));
    }
  }

  /** What a command printed and how it ended. */
  record CommandResult(int exit, String stdout, String stderr) {
    public boolean ok() {
      return exit == 0;
    }
  }

  /** The node could not be reached, the command could not be started, or it timed out. */
  final class RemoteException extends Exception {
    public RemoteException(String message, Throwable cause) {
      super(message, cause);
    }

    public RemoteException(String message) {
      super(message);
    }
  }
}
