package dev.kexp.runtime.agent;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The controller's end of one agent's protocol over a pair of streams, whatever carries them. A
 * thread reads the agent's lines into an inbox; the end of the stream arrives as {@link Ended}.
 */
public final class LoaderLink implements AutoCloseable {
  /** A message from loader {@code loader}; {@code message} is null when its stream ended. */
  public record Received(int loader, AgentMessage message) {}

  /** The stream ended. */
  private static final AgentMessage ENDED = new AgentMessage.Failed("the agent's stream ended");

  private final String node;
  private final int index;
  private final Writer out;
  private final BlockingQueue<AgentMessage> own = new LinkedBlockingQueue<>();
  private BlockingQueue<Received> shared;
  private volatile boolean closed;

  public LoaderLink(String node, int index, InputStream fromAgent, OutputStream toAgent) {
    this.node = node;
    this.index = index;
    this.out = new BufferedWriter(new OutputStreamWriter(toAgent, StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> read(fromAgent), "kexp-loader-" + node);
    reader.setDaemon(true);
    reader.start();
  }

  public String node() {
    return node;
  }

  private void read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.startsWith("{")) continue;
        try {
          deliver(AgentCodec.read(line));
        } catch (IllegalArgumentException e) {
          // Not the protocol (a stray line): ignored.
        }
      }
    } catch (IOException e) {
      // The stream broke: the same as its end.
    }
    deliver(ENDED);
  }

  private synchronized void deliver(AgentMessage m) {
    if (shared != null) shared.add(new Received(index, m == ENDED ? null : m));
    else own.add(m);
  }

  /** From now on, messages go to {@code inbox}, those not yet taken first. */
  public synchronized void forwardTo(BlockingQueue<Received> inbox) {
    for (AgentMessage m; (m = own.poll()) != null; )
      inbox.add(new Received(index, m == ENDED ? null : m));
    shared = inbox;
  }

  /** The next message of a type, waiting at most {@code within}; others before it are dropped. */
  public <T extends AgentMessage> T await(Class<T> type, Duration within) throws IOException {
    long end = System.nanoTime() + within.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      AgentMessage m;
      try {
        m = left <= 0 ? null : own.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the agent on " + node);
      }
      if (m == null)
        throw new IOException(
            "the agent on " + node + " did not answer within " + within.toSeconds() + " s");
      if (m == ENDED) throw new IOException("the agent on " + node + " ended before it answered");
      if (m instanceof AgentMessage.Failed f)
        throw new IOException("the agent on " + node + " failed: " + f.message());
      if (type.isInstance(m)) return type.cast(m);
    }
  }

  /** The loader's clock against this machine's, from {@code rounds} pings. */
  public ClockOffset measureClock(int rounds) throws IOException {
    ClockOffset best = null;
    for (int i = 0; i < rounds; i++) {
      long t0 = System.currentTimeMillis();
      send(new AgentMessage.Ping(t0));
      AgentMessage.Pong p = await(AgentMessage.Pong.class, Duration.ofSeconds(10));
      long t2 = System.currentTimeMillis();
      best = ClockOffset.of(p.controllerMs(), p.agentMs(), t2).better(best);
    }
    return best;
  }

  public synchronized void send(AgentMessage m) throws IOException {
    if (closed) return;
    out.write(AgentCodec.write(m));
    out.write('\n');
    out.flush();
  }

  /** Sends what may fail quietly: the heartbeat, a stop. */
  public void trySend(AgentMessage m) {
    try {
      send(m);
    } catch (IOException | RuntimeException e) {
      // The stream's end reaches the inbox on its own.
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
