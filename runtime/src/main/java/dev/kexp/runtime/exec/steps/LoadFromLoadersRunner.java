package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.agent.AgentCodec;
import dev.kexp.runtime.agent.AgentJar;
import dev.kexp.runtime.agent.AgentMessage;
import dev.kexp.runtime.agent.ClockOffset;
import dev.kexp.runtime.agent.LoaderLink;
import dev.kexp.runtime.agent.SecondMerger;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.RemoteProcess;
import dev.kexp.runtime.control.Shell;
import dev.kexp.runtime.exec.BreakpointWatch;
import dev.kexp.runtime.exec.GeneratorCheck;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.load.SeriesWriter;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs a load step on the loaders: starts {@code kexp agent} on each over an SSH connection of its
 * own, measures each loader's clock, sends each its share with one common start time, and merges
 * their seconds into the run's series (each loader's own under {@code loaders/NODE/}). A loader
 * whose stream breaks stops its load by itself; at the end of the phase kexp reads the seconds the
 * stream missed from the loader's own file, and the step fails with the data kept.
 */
public final class LoadFromLoadersRunner implements StepRunner<Step.LoadFromLoaders> {
  /** JVM options of the agent, as the launcher gives kexp (see the README). */
  static final String JVM = "-XX:+UseParallelGC -Xms1g -Xmx4g";

  static final String DATA = AgentJar.CACHE + "/agent";

  /** Time between the start message and the common start: enough for every agent to receive it. */
  private static final long START_DELAY_MS = 1_500;

  private static final int CLOCK_ROUNDS = 8;

  public Class<Step.LoadFromLoaders> type() {
    return Step.LoadFromLoaders.class;
  }

  /** The command that starts the agent on a loader. */
  static String agentLine(AgentJar jar) {
    return "exec java "
        + JVM
        + " -jar "
        + Shell.quote(jar.path())
        + " agent --data "
        + Shell.quote(DATA);
  }

  public void run(Step.LoadFromLoaders step, RunContext run) throws Exception {
    Step.Load l = step.load();
    LoadRequest request = LoadRunner.request(l, run);
    AgentJar jar = AgentJar.current();
    List<Step.LoaderShare> shares = step.shares();
    List<String> names = shares.stream().map(Step.LoaderShare::node).toList();
    String jobId =
        (run.run().id() + "-" + l.phase() + "-" + System.currentTimeMillis())
            .replaceAll("[^A-Za-z0-9._-]", "_");
    Duration limit = l.duration().plus(l.timeout()).plus(Duration.ofMinutes(2));
    List<Remote> remotes = new ArrayList<>();
    List<RemoteProcess> processes = new ArrayList<>();
    // Beats start with the first agent: one must not go silent while the next one starts.
    List<LoaderLink> links = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<ClockOffset> clocks = new ArrayList<>();
    List<SeriesWriter> own = new ArrayList<>();
    BlockingQueue<LoaderLink.Received> inbox = new LinkedBlockingQueue<>();
    Thread beats = beats(links);
    try (GeneratorCheck generator = new GeneratorCheck(run)) {
      for (int i = 0; i < names.size(); i++) {
        String node = names.get(i);
        try {
          Remote remote = run.nodes().fresh(node);
          remotes.add(remote);
          RemoteProcess p = remote.start(new Remote.Command(agentLine(jar), false, limit));
          processes.add(p);
          LoaderLink link = new LoaderLink(node, i, p.stdout(), p.stdin());
          link.await(AgentMessage.Hello.class, Duration.ofSeconds(60));
          links.add(link);
          ClockOffset clock = link.measureClock(CLOCK_ROUNDS);
          clocks.add(clock);
          run.manifest().runFact(run.run().id(), node, "clock_offset_ms", clock.offsetMs());
          run.manifest().runFact(run.run().id(), node, "clock_rtt_ms", clock.rttMs());
          run.event(
              Event.LOADER_CLOCK,
              l.phase(),
              0,
              Map.of("node", node, "offset_ms", clock.offsetMs(), "rtt_ms", clock.rttMs()));
        } catch (IOException | Remote.RemoteException e) {
          throw new IllegalStateException(
              "loader "
                  + node
                  + ": kexp's agent did not start ("
                  + e.getMessage()
                  + "); see nodes/"
                  + node
                  + ".log",
              e);
        }
        own.add(new SeriesWriter(run.dir().resolve("loaders").resolve(dir(node))));
      }
      List<BreakpointWatch> watches = new ArrayList<>();
      SecondSink merged = LoadRunner.watched(l, run, watches);
      List<SecondSink> perLoader = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) perLoader.add(tee(own.get(i), generator));
      SecondMerger merger = new SecondMerger(names, clocks, perLoader, merged);

      long startAt = System.currentTimeMillis() + START_DELAY_MS;
      for (int i = 0; i < links.size(); i++) {
        links.get(i).forwardTo(inbox);
        links
            .get(i)
            .send(
                job(
                    jobId + "-" + dir(names.get(i)),
                    startAt + clocks.get(i).offsetMs(),
                    request,
                    l,
                    shares.get(i)));
      }
      boolean[] done = new boolean[names.size()];
      boolean[] lost = new boolean[names.size()];
      String[] failed = new String[names.size()];
      boolean stopSent = false;
      long deadline = System.nanoTime() + limit.toNanos();
      int open = names.size();
      while (open > 0 && System.nanoTime() < deadline) {
        if (!stopSent && (run.stopping() || watches.stream().anyMatch(BreakpointWatch::abort))) {
          stopSent = true;
          for (LoaderLink link : links) link.trySend(new AgentMessage.Stop());
        }
        LoaderLink.Received r = inbox.poll(100, TimeUnit.MILLISECONDS);
        if (r == null) continue;
        int i = r.loader();
        if (done[i] || lost[i]) continue;
        if (r.message() instanceof AgentMessage.Second s) {
          merger.add(i, s);
        } else if (r.message() instanceof AgentMessage.Done) {
          done[i] = true;
          open--;
          merger.finished(i);
        } else if (r.message() instanceof AgentMessage.Failed f) {
          failed[i] = f.message();
        } else if (r.message() == null) {
          // The stream ended without Done: the agent stopped its load (or was stopped).
          lost[i] = true;
          open--;
        }
      }
      // Whatever did not end in time is lost too.
      for (int i = 0; i < names.size(); i++) if (!done[i] && !lost[i]) lost[i] = true;
      stopBeats(beats);
      beats = null;
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (!lost[i]) continue;
        long before = merger.last(i);
        int fetched = fetchMissed(run, names.get(i), jobId, i, merger);
        merger.finished(i);
        problems.add(
            "loader "
                + names.get(i)
                + ": "
                + (failed[i] != null ? failed[i] : "its SSH session ended during the load")
                + "; its load stopped; "
                + (fetched > 0
                    ? fetched + " seconds the stream missed were read from the node's own file"
                    : "the stream had every second it sent up to second " + before));
      }
      merger.flush();
      generator.report(run, l.phase());
      for (BreakpointWatch w : watches) {
        w.found().ifPresent(f -> LoadRunner.record(f, l, run, LoadRunner.doubtful(f, generator)));
      }
      Histogram total = merger.total();
      run.say(
          "from %d loader%s: sent %d, completed %d, errors %d, dropped %d, peak %.0f req/s,"
              + " p50 %.2f ms, p99 %.2f ms",
          names.size(),
          names.size() == 1 ? "" : "s",
          merger.sent(),
          merger.completed(),
          merger.errors(),
          merger.dropped(),
          merger.peakRps(),
          total.getValueAtPercentile(50) / 1000.0,
          total.getValueAtPercentile(99) / 1000.0);
      if (!problems.isEmpty()) throw new IllegalStateException(String.join("; ", problems));
    } finally {
      stopBeats(beats);
      for (LoaderLink link : links) link.close();
      for (RemoteProcess p : processes) p.close();
      for (Remote r : remotes) r.close();
      for (SeriesWriter w : own) w.close();
    }
  }

  private static String dir(String node) {
    return node.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** A loader's own files, and its generator seconds into generator.csv. */
  private static SecondSink tee(SecondSink files, GeneratorCheck generator) {
    return new SecondSink() {
      @Override
      public void acceptGenerator(GeneratorFile.Row second) {
        generator.record(second);
      }

      @Override
      public void acceptHistogram(Histogram interval) {
        files.acceptHistogram(interval);
      }

      @Override
      public void accept(LoadSeriesFile.Row row) {
        files.accept(row);
      }
    };
  }

  static AgentMessage.Job job(
      String id, long startAtMs, LoadRequest request, Step.Load l, Step.LoaderShare share) {
    List<AgentMessage.Segment> segments = new ArrayList<>();
    for (LoadSegment s : LoadRunner.segments(share.segments(), l.phase())) {
      segments.add(
          new AgentMessage.Segment(
              s.model() == LoadSegment.Model.OPEN ? "open" : "closed",
              s.from(),
              s.to(),
              s.duration().toMillis(),
              s.label(),
              s.measured()));
    }
    return new AgentMessage.Job(
        id,
        startAtMs,
        request.url().toString(),
        request.method(),
        request.headers(),
        request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8),
        request.timeout().toMillis(),
        request.think().toMillis(),
        segments);
  }

  /** A heartbeat to every agent each second: an agent that hears none stops its load. */
  private static Thread beats(List<LoaderLink> links) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                for (LoaderLink link : links) link.trySend(new AgentMessage.Beat());
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "kexp-loader-beats");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void stopBeats(Thread beats) {
    if (beats != null) beats.interrupt();
  }

  /**
   * Reads the seconds a lost loader wrote on its own disk over a new connection, and adds those the
   * stream missed; returns how many. A loader still unreachable is a warning, not a second failure.
   */
  static int fetchMissed(
      RunContext run, String node, String jobId, int index, SecondMerger merger) {
    String file = DATA + "/" + jobId + "-" + dir(node) + ".jsonl";
    try (Remote remote = run.nodes().fresh(node)) {
      Remote.CommandResult r =
          remote.run(new Remote.Command("cat " + Shell.quote(file), false, Duration.ofMinutes(2)));
      if (!r.ok()) {
        run.warn("loader " + node + ": cannot read " + file + ": " + r.stderr().strip());
        return 0;
      }
      int added = 0;
      for (String line : r.stdout().split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          if (AgentCodec.read(line) instanceof AgentMessage.Second s) {
            long before = merger.last(index);
            merger.add(index, s);
            if (merger.last(index) > before) added++;
          }
        } catch (IllegalArgumentException e) {
          // A line cut short when the agent ended: the seconds before it still count.
        }
      }
      return added;
    } catch (IOException | Remote.RemoteException e) {
      run.warn(
          "loader " + node + " is not reachable to read what its stream missed: " + e.getMessage());
      return 0;
    }
  }
}
