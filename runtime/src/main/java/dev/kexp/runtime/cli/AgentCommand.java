package dev.kexp.runtime.cli;

import dev.kexp.runtime.agent.Agent;
import dev.kexp.runtime.load.LoadVertx;
import io.vertx.core.Vertx;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kexp agent}: what {@code kexp run} starts on a loader node over SSH. It speaks the agent
 * protocol on its standard streams, so nothing else may write to standard output: everything that
 * would (library logging) goes to standard error.
 */
@Command(
    name = "agent",
    hidden = true,
    description = "Run load steps sent as JSON lines on stdin (started by kexp run on loaders).")
final class AgentCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "where the agent keeps its seconds on this node")
  Path data = Path.of(".cache/kexp/agent");

  @Override
  public Integer call() {
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    Vertx vertx = LoadVertx.create();
    try {
      return new Agent(vertx, data, protocol).serve(System.in);
    } finally {
      vertx.close();
    }
  }
}
