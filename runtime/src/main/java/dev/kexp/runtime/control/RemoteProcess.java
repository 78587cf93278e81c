package dev.kexp.runtime.control;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A long-running command on a node whose standard streams kexp talks over (the load agent). Closing
 * it ends the command on the node, as a cancelled {@link Remote#run} does.
 */
public interface RemoteProcess extends AutoCloseable {
  /** What the command writes to its standard output. */
  InputStream stdout();

  /** The command's standard input. */
  OutputStream stdin();

  /** Whether the command is still running, as far as kexp can tell. */
  boolean alive();

  @Override
  void close();
}
