package dev.kexp.runtime.load;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives HTTP load following a profile of {@link LoadSegment}s and reports every second.
 *
 * <p>A driver context, on a 1 ms timer, keeps the number of closed-model users at the target and
 * cuts a {@link LoadSeriesFile.Row} at each whole second of elapsed time. The requests themselves
 * belong to {@link Lane}s, one per event loop: each sends its users' requests and its share of the
 * open-model arrivals (at their intended times) over connections it owns. Responses only touch
 * atomic counters and an HdrHistogram {@link Recorder}, which is lock-free for writers. Rows are
 * handed to the sink on the caller's thread, so slow sinks never delay requests.
 */
public final class LoadEngine {

  /** Upper bound on requests in flight, and so on connections, whatever the profile asks for. */
  static final int MAX_IN_FLIGHT = 20_000;

  /**
   * New closed-model users started per 10 ms adjustment. Opening thousands of connections at once
   * overflows the server's accept and SYN queues (4096 and 2048 by default), so they are opened at
   * a bounded rate: 19,000 users are all running within a second.
   */
  static final int USERS_STARTED_PER_ADJUST = 200;

  /** Latencies are recorded in microseconds up to an hour; longer ones count as an hour. */
  static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  /** File descriptors kept free for everything else the process has open. */
  static final int FD_HEADROOM = 200;

  /** The open model never caps in-flight requests below this. */
  static final int MIN_IN_FLIGHT_CAP = 1_000;

  private static final long TICK_MILLIS = 1;

  /** HTTP status codes counted one by one: 0 to 599. */
  private static final int STATUS_CODES = 600;

  /** Arrivals one lane sends in one go before letting its responses in. */
  private static final int MAX_ARRIVALS_PER_TASK = 256;

  private static final long CLOSED_ADJUST_NANOS = 10_000_000;
  private static final long SECOND_NANOS = 1_000_000_000;

  /** Vert.x fires request timeouts a little late; waiting this much longer lets them report. */
  private static final long DRAIN_GRACE_NANOS = 200_000_000;

  private final Vertx vertx;

  public LoadEngine(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  /**
   * Runs the segments back to back and returns once they are done, or soon after {@code
   * stopRequested} turns true. Either way no new requests start after that, requests in flight get
   * up to the request timeout to finish (those still out then count as timeouts), and the last
   * (possibly partial) second is reported.
   *
   * @param stopRequested polled about every 50 ms on the calling thread
   */
  public LoadSummary run(
      LoadRequest request,
      List<LoadSegment> segments,
      SecondSink sink,
      BooleanSupplier stopRequested) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(stopRequested, "stopRequested");
    if (Context.isOnEventLoopThread()) {
      // The run blocks until done, which would stall the event loop it needs.
      throw new IllegalStateException("LoadEngine.run must not be called on an event loop");
    }
    LoadProfile profile = new LoadProfile(segments);
    // In flight at most 20,000 or the profile's peak rate, whichever is lower (never under 1,000).
    int inFlightCap =
        (int)
            Math.min(
                MAX_IN_FLIGHT,
                Math.max(MIN_IN_FLIGHT_CAP, Math.ceil(profile.peak(LoadSegment.Model.OPEN))));
    int peakUsers = (int) Math.ceil(profile.peak(LoadSegment.Model.CLOSED));
    // Closed users each hold a connection, so they must fit in the file limit; the open model
    // needs connections only for what is in flight, and takes what the limit leaves.
    checkFileLimit(peakUsers);
    int openConnections =
        profile.peak(LoadSegment.Model.OPEN) > 0
            ? (int) Math.max(1, Math.min(inFlightCap, fileBudget()))
            : 0;
    int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setPipelining(false)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, request.timeout().toMillis()));
    Lane[] lanes = new Lane[eventLoops];
    Run run = new Run(lanes, request, profile, peakUsers, inFlightCap);
    List<Context> loops = new java.util.ArrayList<>();
    for (int i = 0; i < eventLoops; i++) {
      // A context made from a non-Vert.x thread is bound to the next event loop in turn, so the
      // lanes, and the connections they open, are spread over every event loop.
      lanes[i] =
          new Lane(
              vertx,
              vertx.createHttpClient(options),
              vertx.getOrCreateContext(),
              run.connectOptions(),
              run.template,
              run.body,
              run.timeoutNanos,
              (openConnections + eventLoops - 1) / eventLoops,
              run);
      lanes[i].start();
      loops.add(lanes[i].context());
    }
    run.probe = new GeneratorProbe(vertx, loops);
    try {
      return run.execute(sink, stopRequested);
    } finally {
      run.probe.stop();
      for (Lane lane : lanes) {
        lane.close();
        lane.client().close().await();
      }
    }
  }

  /**
   * Fails before any request when the process may not open the connections the profile needs:
   * running out of descriptors half-way would show up as errors of the target, not of kexp.
   */
  static void checkFileLimit(int connections) {
    long budget = fileBudget();
    if (connections > budget) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "this load needs %d connections but the process may open only %d more files"
                  + " (ulimit -n); raise the limit with ulimit -n, or plan at most %d users",
              connections,
              budget,
              budget));
    }
  }

  /** How many more files (sockets) this process may open, keeping some headroom. */
  static long fileBudget() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return Math.max(
          0, unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - FD_HEADROOM);
    }
    return Long.MAX_VALUE;
  }

  private static int port(java.net.URI url) {
    if (url.getPort() > 0) return url.getPort();
    return "https".equals(url.getScheme()) ? 443 : 80;
  }

  private static String pathAndQuery(java.net.URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  /** A cut second on its way from the driver to the sink. */
  private record Cut(LoadSeriesFile.Row row, Histogram interval, GeneratorFile.Row generator) {}

  /** State of one run; counters are shared with response handlers, the rest is driver-only. */
  private final class Run implements Lane.Results {
    private final Lane[] lanes;
    private final RequestOptions template;
    private final byte[] body;
    private final LoadProfile profile;
    private final int inFlightCap;
    private final long timeoutNanos;
    private final long thinkMillis;

    // Written by response handlers on any event loop.
    // A fixed range: an auto-resizing recorder resizes every fresh interval histogram on the hot
    // path (seen in a profile as handleRecordException/resize).
    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLongArray errors = new AtomicLongArray(ErrorClass.values().length);
    private final AtomicLongArray statuses = new AtomicLongArray(STATUS_CODES);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger runningUsers = new AtomicInteger();
    // 1 while the user with that index is running; users at or above the target retire.
    private final AtomicIntegerArray userRunning;
    private volatile int targetUsers;
    private volatile boolean stopping;
    private volatile boolean stopRequested;

    // Driver-only state.
    private Context driver;
    private long timerId;
    private long startNanos;
    private long startEpochMillis;
    private long endNanos = Long.MAX_VALUE;
    private long drainDeadlineNanos;
    private boolean stoppedEarly;
    // Users (or requests in flight) when the profile ended: the rows cut while draining report
    // these, as the drain itself retires every user and the last row would otherwise read 0.
    private int activeAtStop;
    private long lastClosedAdjustNanos;
    // Every user below this index has been started (and runs, unless the target fell below it).
    private int usersStartedBelow;
    // Per lane, touched only on its event loop: the next arrival it will send.
    private final long[] nextArrival;
    // Lanes still sending open-model arrivals; the run ends only once they are all done.
    private final AtomicInteger lanesIssuing = new AtomicInteger();
    private long lastCutNanos;
    private int rowsCut;
    private long cutSent;
    private long cutCompleted;
    private long cutDropped;
    private final long[] cutErrors = new long[ErrorClass.values().length];
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);
    // The summary's counts: rows of measured segments only (a warm-up is not).
    private final long[] cutStatuses = new long[STATUS_CODES];
    private final long[] measuredStatuses = new long[STATUS_CODES];
    private long measuredSent;
    private long measuredCompleted;
    private long measuredErrors;
    private long measuredDropped;
    private long measuredNanos;
    private double peakRps;

    private final BlockingQueue<Cut> cuts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private final Lane.User[] users;

    // How the generator itself fares: the probe, and per lane the latest an arrival went out
    // behind its schedule since the last cut (written by the lane, taken by the driver).
    private GeneratorProbe probe;
    private final AtomicLongArray behind;

    Run(Lane[] lanes, LoadRequest request, LoadProfile profile, int peakUsers, int inFlightCap) {
      this.lanes = lanes;
      this.nextArrival = new long[lanes.length];
      this.behind = new AtomicLongArray(lanes.length);
      this.profile = profile;
      this.inFlightCap = inFlightCap;
      // null when there is no body, so the hot path tests a field instead of an array length.
      this.body = request.body().length == 0 ? null : request.body();
      this.timeoutNanos = request.timeout().toNanos();
      this.thinkMillis = request.think().toMillis();
      this.userRunning = new AtomicIntegerArray(Math.max(1, peakUsers));
      this.users = new Lane.User[Math.max(1, peakUsers)];
      for (int i = 0; i < users.length; i++) {
        int user = i;
        users[i] = new Lane.User(responded -> afterUserRequest(user, responded));
      }
      this.template =
          new RequestOptions()
              .setMethod(HttpMethod.valueOf(request.method().toUpperCase(Locale.ROOT)))
              // Host, port and path rather than an absolute URI: the URI would be parsed again
              // for every request on the hot path.
              .setSsl("https".equals(request.url().getScheme()))
              .setHost(request.url().getHost())
              .setPort(port(request.url()))
              .setURI(pathAndQuery(request.url()));
      request.headers().forEach(template::putHeader);
    }

    LoadSummary execute(SecondSink sink, BooleanSupplier stopSupplier) {
      driver = vertx.getOrCreateContext();
      driver.runOnContext(v -> begin());
      try {
        while (true) {
          Cut cut = cuts.poll(50, TimeUnit.MILLISECONDS);
          if (cut != null) {
            sink.acceptGenerator(cut.generator());
            sink.acceptHistogram(cut.interval());
            sink.accept(cut.row());
          } else if (finished.isDone()) {
            break;
          }
          if (!stopRequested && stopSupplier.getAsBoolean()) {
            stopRequested = true;
          }
        }
        finished.get();
      } catch (InterruptedException e) {
        stopRequested = true;
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running load", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("load driver failed", e.getCause());
      }
      // From the counts at the cuts, so the summary agrees with the rows even if a request
      // abandoned at the drain deadline completes afterwards.
      Map<Integer, Long> byStatus = new LinkedHashMap<>();
      for (int code = 0; code < measuredStatuses.length; code++) {
        if (measuredStatuses[code] > 0) byStatus.put(code, measuredStatuses[code]);
      }
      return new LoadSummary(
          measuredSent,
          measuredCompleted,
          measuredErrors,
          measuredDropped,
          peakRps,
          total.getValueAtPercentile(50) / 1000.0,
          total.getValueAtPercentile(99) / 1000.0,
          total.getMaxValue() / 1000.0,
          stoppedEarly,
          total.getValueAtPercentile(90) / 1000.0,
          total.getValueAtPercentile(99.9) / 1000.0,
          measuredNanos / 1e9,
          byStatus);
    }

    private void begin() {
      startNanos = System.nanoTime();
      startEpochMillis = System.currentTimeMillis();
      lastCutNanos = startNanos;
      lastClosedAdjustNanos = startNanos - CLOSED_ADJUST_NANOS;
      recorder.reset();
      probe.start();
      if (profile.scheduledArrivals() > 0) {
        lanesIssuing.set(lanes.length);
        for (int i = 0; i < lanes.length; i++) {
          int lane = i;
          nextArrival[lane] = lane;
          lanes[lane].context().runOnContext(v -> issueArrivals(lane));
        }
      }
      timerId = vertx.setPeriodic(TICK_MILLIS, id -> tick());
      tick();
    }

    private void tick() {
      try {
        long now = System.nanoTime();
        if (!stopping) {
          double t = (now - startNanos) / 1e9;
          if (stopRequested || t >= profile.totalSeconds()) {
            beginDrain(now, t);
          } else {
            drive(now, t);
          }
        }
        cutPassedSeconds(now);
        if (stopping
            && ((lanesIssuing.get() == 0 && inFlight.get() == 0) || now >= drainDeadlineNanos)) {
          vertx.cancelTimer(timerId);
          // Requests still out at the deadline have waited longer than the run is willing to:
          // count them as timeouts so that every sent request ends up completed or an error.
          errors.addAndGet(ErrorClass.TIMEOUT.ordinal(), inFlight.get());
          cut(now);
          finished.complete(null);
        }
      } catch (RuntimeException | Error e) {
        vertx.cancelTimer(timerId);
        stopping = true;
        finished.completeExceptionally(e);
      }
    }

    private void beginDrain(long now, double t) {
      activeAtStop =
          activeNow(profile.segmentAt(Math.min(t, Math.nextDown(profile.totalSeconds()))));
      stopping = true;
      targetUsers = 0;
      stoppedEarly = t < profile.totalSeconds();
      endNanos = stoppedEarly ? now : startNanos + Math.round(profile.totalSeconds() * 1e9);
      drainDeadlineNanos = now + timeoutNanos + DRAIN_GRACE_NANOS;
    }

    private void drive(long now, double t) {
      LoadSegment segment = profile.segmentAt(t);
      if (segment.model() == LoadSegment.Model.CLOSED) {
        if (now - lastClosedAdjustNanos >= CLOSED_ADJUST_NANOS) {
          lastClosedAdjustNanos = now;
          adjustUsers((int) Math.round(profile.targetAt(t)));
        }
      } else {
        // The lanes send the arrivals themselves (see issueArrivals).
        if (targetUsers != 0) {
          adjustUsers(0);
        }
      }
    }

    /** Starts users below the target that are not running; those above retire by themselves. */
    private void adjustUsers(int target) {
      int wanted = Math.min(target, userRunning.length());
      targetUsers = wanted;
      // Users at or above a lowered target retire; the scan for idle users restarts there.
      usersStartedBelow = Math.min(usersStartedBelow, wanted);
      int started = 0;
      int user = usersStartedBelow;
      for (; user < wanted && started < USERS_STARTED_PER_ADJUST; user++) {
        if (userRunning.compareAndSet(user, 0, 1)) {
          runningUsers.incrementAndGet();
          started++;
          int u = user;
          // Each user lives on its lane's event loop from its first request on.
          laneOf(u).context().runOnContext(v -> userLoop(u));
        }
      }
      // Scanning all 19,000 users every 10 ms, as this once did, cost the driver 2 million
      // atomic operations a second.
      usersStartedBelow = user;
    }

    private Lane laneOf(long n) {
      return lanes[(int) (n % lanes.length)];
    }

    HttpConnectOptions connectOptions() {
      return new HttpConnectOptions()
          .setHost(template.getHost())
          .setPort(template.getPort())
          .setSsl(template.isSsl())
          .setConnectTimeout(TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    }

    private void userLoop(int user) {
      if (stopping || user >= targetUsers) {
        userRunning.set(user, 0);
        // The target may have risen again after the check above, and the driver's scan may have
        // passed this user while it was still marked running: then it runs on, not idles.
        if (stopping || user >= targetUsers || !userRunning.compareAndSet(user, 0, 1)) {
          runningUsers.decrementAndGet();
          return;
        }
      }
      inFlight.incrementAndGet();
      sent.increment();
      laneOf(user).sendAs(users[user], System.nanoTime());
    }

    private void afterUserRequest(int user, boolean responded) {
      if (thinkMillis > 0 && !stopping) {
        Context here = laneOf(user).context();
        vertx.setTimer(thinkMillis, id -> here.runOnContext(v -> userLoop(user)));
      } else if (responded) {
        // Called from the response's end on this user's event loop: the next request goes out
        // at once, without a task hop (the next response arrives on a later loop iteration, so
        // the stack does not grow).
        userLoop(user);
      } else {
        // Failures can complete at once (refused, closed): queue, so a run of instant failures
        // cannot deepen the stack.
        laneOf(user).context().runOnContext(v -> userLoop(user));
      }
    }

    /**
     * Sends this lane's due arrivals (every lanes-th of the schedule, so the lanes share the rate
     * evenly) and schedules itself for the next one. Runs on the lane's event loop, to the
     * microsecond: a millisecond tick would add up to a millisecond to every latency, which is more
     * than nginx takes to answer. Each request's latency runs from its intended time.
     */
    private void issueArrivals(int laneIndex) {
      Lane lane = lanes[laneIndex];
      long now = System.nanoTime();
      long n = nextArrival[laneIndex];
      // Arrivals come in time order and now is fixed, so the first one sent is the latest: the
      // lane's lateness is read once per task, not once per request.
      boolean lateNoted = false;
      for (int issued = 0; ; issued++) {
        double at = profile.arrivalTime(n);
        if (stopRequested || Double.isInfinite(at)) {
          // Arrivals the run never reached are neither sent nor dropped.
          lanesIssuing.decrementAndGet();
          return;
        }
        long atNanos = startNanos + Math.round(at * 1e9);
        if (atNanos > now || issued == MAX_ARRIVALS_PER_TASK) {
          nextArrival[laneIndex] = n;
          // Wake at least every 50 ms, so a stop is noticed soon even at a low rate.
          lane.runAt(Math.min(atNanos, now + 50_000_000L), () -> issueArrivals(laneIndex));
          return;
        }
        // The cap holds exactly even with every lane counting at once.
        if (inFlight.incrementAndGet() > inFlightCap) {
          inFlight.decrementAndGet();
          dropped.increment();
        } else {
          sent.increment();
          if (!lateNoted) {
            lateNoted = true;
            long late = now - atNanos;
            if (late > behind.get(laneIndex)) behind.lazySet(laneIndex, late);
          }
          lane.sendPooled(atNanos);
        }
        n += lanes.length;
      }
    }

    /**
     * A response: its latency, from the intended or actual send time, is recorded for every
     * response, error statuses included.
     */
    @Override
    public void responded(long fromNanos, int status) {
      long latencyMicros =
          Math.min(HIGHEST_MICROS, Math.max(1, (System.nanoTime() - fromNanos) / 1000));
      recorder.recordValue(latencyMicros);
      completed.increment();
      if (status >= 0 && status < statuses.length()) statuses.incrementAndGet(status);
      ErrorClass error = ErrorClass.ofStatus(status);
      if (error != null) {
        errors.incrementAndGet(error.ordinal());
      }
      inFlight.decrementAndGet();
    }

    /** A request without a response has no latency and counts only as an error. */
    @Override
    public void failed(ErrorClass error) {
      errors.incrementAndGet(error.ordinal());
      inFlight.decrementAndGet();
    }

    /**
     * Cuts a row at every whole second already passed, except one falling exactly on the end of the
     * profile: the final row, cut once requests in flight have finished, closes that second so a
     * run of N seconds gives N rows.
     */
    private void cutPassedSeconds(long now) {
      long boundary = startNanos + (rowsCut + 1) * SECOND_NANOS;
      while (boundary <= now && boundary != endNanos) {
        cut(boundary);
        boundary = startNanos + (rowsCut + 1) * SECOND_NANOS;
      }
    }

    private int activeNow(LoadSegment segment) {
      return segment.model() == LoadSegment.Model.CLOSED ? runningUsers.get() : inFlight.get();
    }

    private void cut(long atNanos) {
      Histogram interval = recorder.getIntervalHistogram();
      // The last row is cut once the drain is over, which may be long after the profile's end;
      // its target is the one of the profile's last stretch, not of the drain.
      long spanEnd = Math.max(lastCutNanos, Math.min(atNanos, endNanos));
      double middle = ((lastCutNanos + spanEnd) / 2.0 - startNanos) / 1e9;
      double clamped = Math.min(middle, Math.nextDown(profile.totalSeconds()));
      LoadSegment segment = profile.segmentAt(clamped);
      boolean measured = segment.measured();
      if (measured) total.add(interval);

      long sentNow = sent.sum();
      long completedNow = completed.sum();
      long droppedNow = dropped.sum();
      Map<String, Long> byClass = new LinkedHashMap<>();
      long errorCount = 0;
      for (ErrorClass errorClass : ErrorClass.values()) {
        long count = errors.get(errorClass.ordinal());
        long delta = count - cutErrors[errorClass.ordinal()];
        cutErrors[errorClass.ordinal()] = count;
        byClass.put(errorClass.label(), delta);
        errorCount += delta;
      }

      double seconds = Math.max(1.0, (atNanos - lastCutNanos) / 1e9);
      long completedDelta = completedNow - cutCompleted;
      double rps = completedDelta / seconds;
      for (int code = 0; code < cutStatuses.length; code++) {
        long count = statuses.get(code);
        if (measured) measuredStatuses[code] += count - cutStatuses[code];
        cutStatuses[code] = count;
      }
      if (measured) {
        peakRps = Math.max(peakRps, rps);
        measuredSent += sentNow - cutSent;
        measuredCompleted += completedDelta;
        measuredErrors += errorCount;
        measuredDropped += droppedNow - cutDropped;
        measuredNanos += atNanos - lastCutNanos;
      }
      int active = stopping ? activeAtStop : activeNow(segment);

      LoadSeriesFile.Row row =
          new LoadSeriesFile.Row(
              startEpochMillis + (lastCutNanos - startNanos) / 1_000_000,
              rowsCut,
              segment.label(),
              profile.targetAt(clamped),
              active,
              sentNow - cutSent,
              completedDelta,
              errorCount,
              droppedNow - cutDropped,
              rps,
              interval.getValueAtPercentile(50) / 1000.0,
              interval.getValueAtPercentile(90) / 1000.0,
              interval.getValueAtPercentile(99) / 1000.0,
              interval.getValueAtPercentile(99.9) / 1000.0,
              interval.getMaxValue() / 1000.0,
              Collections.unmodifiableMap(byClass));
      long worstBehind = 0;
      for (int i = 0; i < behind.length(); i++) {
        worstBehind = Math.max(worstBehind, behind.getAndSet(i, 0));
      }
      GeneratorFile.Row generator = probe.cut(row.epochMs(), rowsCut, atNanos, worstBehind);
      cutSent = sentNow;
      cutCompleted = completedNow;
      cutDropped = droppedNow;
      lastCutNanos = atNanos;
      rowsCut++;
      cuts.add(new Cut(row, interval, generator));
    }
  }
}
