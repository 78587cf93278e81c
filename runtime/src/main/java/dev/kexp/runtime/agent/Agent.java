package dev.kexp.runtime.agent;

import dev.kexp.runtime.load.LoadEngine;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.LoadSummary;
import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The loader's side of {@code kexp agent}: answers clock probes, runs one {@link AgentMessage.Job}
 * with the same {@link LoadEngine} as local load, and streams its seconds back. Every second is
 * also appended to {@code DATA/JOB.jsonl} on the loader, so seconds the stream lost can be fetched
 * afterwards.
 *
 * <p>No orphan load: the agent stops sending when its input ends (the SSH session closed), when the
 * controller has been silent for {@link #SILENCE_MS}, or when its output breaks, and the process
 * ends {@link #EXIT_GRACE_MS} later whatever is still in flight.
 */
public final class Agent {
  /** Silence from the controller after which the load stops. */
  public static final long SILENCE_MS = 3_000;

  /** After the controller is gone, the process ends this long after the load was told to stop. */
  static final long EXIT_GRACE_MS = 1_500;

  /** How long an agent waits for its job, or for a start time, before giving up. */
  static final long WAIT_MS = 120_000;

  private final Vertx vertx;
  private final Path data;
  private final Writer out;
  private final BlockingQueue<AgentMessage.Job> jobs = new ArrayBlockingQueue<>(1);
  private volatile long heardNanos = System.nanoTime();
  private volatile boolean stop;
  private final java.util.concurrent.atomic.AtomicBoolean gone =
      new java.util.concurrent.atomic.AtomicBoolean();

  public Agent(Vertx vertx, Path data, OutputStream out) {
    this.vertx = vertx;
    this.data = data;
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /** Serves one job read from {@code in}; returns the process's exit status. */
  public int serve(InputStream in) {
    send(
        new AgentMessage.Hello(
            String.valueOf(Agent.class.getPackage().getImplementationVersion()),
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors()));
    Thread reader = new Thread(() -> read(in), "kexp-agent-in");
    reader.setDaemon(true);
    reader.start();
    Thread watchdog = new Thread(this::watch, "kexp-agent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    AgentMessage.Job job;
    try {
      job = jobs.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return 1;
    }
    if (job == null) {
      send(new AgentMessage.Failed("no job within " + WAIT_MS / 1000 + " s"));
      return 1;
    }
    try {
      return run(job);
    } catch (RuntimeException | IOException e) {
      send(new AgentMessage.Failed(String.valueOf(e.getMessage())));
      return 1;
    }
  }

  private int run(AgentMessage.Job job) throws IOException {
    Files.createDirectories(data);
    Path file = data.resolve(job.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    long wait = job.startAtMs() - System.currentTimeMillis();
    if (wait > WAIT_MS) throw new IllegalArgumentException("start time too far ahead: " + wait);
    while (!stop && System.currentTimeMillis() < job.startAtMs()) {
      sleep(Math.min(50, Math.max(1, job.startAtMs() - System.currentTimeMillis())));
    }
    List<LoadSegment> segments = new ArrayList<>();
    for (AgentMessage.Segment s : job.segments()) {
      LoadSegment.Model model =
          "open".equals(s.model()) ? LoadSegment.Model.OPEN : LoadSegment.Model.CLOSED;
      LoadSegment seg =
          new LoadSegment(model, s.from(), s.to(), Duration.ofMillis(s.durationMs()), s.label());
      segments.add(s.measured() ? seg : seg.unmeasured());
    }
    LoadRequest request =
        new LoadRequest(
            URI.create(job.url()),
            job.method(),
            job.headers(),
            job.body() == null ? null : job.body().getBytes(StandardCharsets.UTF_8),
            Duration.ofMillis(job.timeoutMs()),
            Duration.ofMillis(job.thinkMs()));
    try (BufferedWriter local = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StreamSink sink = new StreamSink(local);
      LoadSummary summary = new LoadEngine(vertx).run(request, segments, sink, () -> stop);
      send(
          new AgentMessage.Done(
              summary.sent(),
              summary.completed(),
              summary.errors(),
              summary.dropped(),
              summary.stoppedEarly()));
    }
    return 0;
  }

  /** Each second to the stream and to the loader's own file. */
  private final class StreamSink implements SecondSink {
    private final Writer local;
    private Histogram histogram;
    private GeneratorFile.Row generator;

    StreamSink(Writer local) {
      this.local = local;
    }

    @Override
    public void acceptGenerator(GeneratorFile.Row second) {
      generator = second;
    }

    @Override
    public void acceptHistogram(Histogram interval) {
      histogram = interval;
    }

    @Override
    public void accept(LoadSeriesFile.Row row) {
      Histogram h = histogram != null ? histogram : new Histogram(3);
      String line =
          AgentCodec.write(
              new AgentMessage.Second(
                  row,
                  AgentCodec.histogram(h),
                  h.getStartTimeStamp(),
                  h.getEndTimeStamp(),
                  generator));
      histogram = null;
      generator = null;
      try {
        local.write(line);
        local.write('\n');
        local.flush();
      } catch (IOException e) {
        // The stream still carries it; the file is only the fallback.
      }
      sendLine(line);
    }
  }

  private void read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        heardNanos = System.nanoTime();
        if (line.isBlank()) continue;
        AgentMessage m;
        try {
          m = AgentCodec.read(line);
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (m instanceof AgentMessage.Ping p) {
          send(new AgentMessage.Pong(p.controllerMs(), System.currentTimeMillis()));
        } else if (m instanceof AgentMessage.Job j) {
          jobs.offer(j);
        } else if (m instanceof AgentMessage.Stop) {
          stop = true;
        }
      }
    } catch (IOException e) {
      // The session is gone: same as the end of input.
    }
    lost();
  }

  /** Ends the load when the controller has been silent too long. */
  private void watch() {
    while (!gone.get()) {
      sleep(200);
      if (System.nanoTime() - heardNanos > TimeUnit.MILLISECONDS.toNanos(SILENCE_MS)) lost();
    }
  }

  /** The controller is gone: stop the load, and the process soon after. */
  private void lost() {
    if (!gone.compareAndSet(false, true)) return;
    stop = true;
    Thread exit =
        new Thread(
            () -> {
              sleep(EXIT_GRACE_MS);
              Runtime.getRuntime().halt(3);
            },
            "kexp-agent-exit");
    exit.setDaemon(true);
    exit.start();
  }

  private void send(AgentMessage m) {
    sendLine(AgentCodec.write(m));
  }

  private synchronized void sendLine(String line) {
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      lost();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
