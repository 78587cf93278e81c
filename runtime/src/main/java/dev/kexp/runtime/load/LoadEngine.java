package dev.kexp.runtime.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives HTTP load following a profile of {@link LoadSegment}s and reports every second.
 *
 * <p>All scheduling happens on one Vert.x event-loop context (the driver): a 1 ms timer starts
 * open-model arrivals whose time has come, keeps the number of closed-model users at the target,
 * and cuts a {@link SecondRow} at each whole second of elapsed time. Responses are handled on
 * whichever event loop owns their connection and only touch atomic counters and an HdrHistogram
 * {@link Recorder}, which is lock-free for writers. Rows are handed to the sink on the caller's
 * thread, so slow sinks never delay requests.
 */
public final class LoadEngine {

  /** Upper bound on connections, whatever the profile asks for. */
  static final int MAX_POOL = 20_000;

  /** The open model never caps in-flight requests below this. */
  static final int MIN_IN_FLIGHT_CAP = 1_000;

  private static final long TICK_MILLIS = 1;
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
    int inFlightCap =
        (int)
            Math.min(
                Integer.MAX_VALUE,
                Math.max(MIN_IN_FLIGHT_CAP, Math.ceil(profile.peak(LoadSegment.Model.OPEN))));
    int peakUsers = (int) Math.ceil(profile.peak(LoadSegment.Model.CLOSED));
    int openConnections = profile.peak(LoadSegment.Model.OPEN) > 0 ? inFlightCap : 0;
    int poolSize = Math.max(1, Math.min(MAX_POOL, Math.max(peakUsers, openConnections)));

    HttpClientAgent client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, request.timeout().toMillis())),
            new PoolOptions().setHttp1MaxSize(poolSize));
    try {
      Run run = new Run(client, request, profile, peakUsers, inFlightCap);
      return run.execute(sink, stopRequested);
    } finally {
      client.close().await();
    }
  }

  /** A cut second on its way from the driver to the sink. */
  private record Cut(SecondRow row, Histogram interval) {}

  /** State of one run; counters are shared with response handlers, the rest is driver-only. */
  private final class Run {
    private final HttpClientAgent client;
    private final RequestOptions template;
    private final byte[] body;
    private final LoadProfile profile;
    private final int inFlightCap;
    private final long timeoutNanos;
    private final long thinkMillis;

    // Written by response handlers on any event loop.
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLongArray errors = new AtomicLongArray(ErrorClass.values().length);
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
    private long lastClosedAdjustNanos;
    private long openIssued;
    private long lastCutNanos;
    private int rowsCut;
    private long cutSent;
    private long cutCompleted;
    private long cutDropped;
    private final long[] cutErrors = new long[ErrorClass.values().length];
    private final Histogram total = new Histogram(3);
    private double peakRps;

    private final BlockingQueue<Cut> cuts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    Run(
        HttpClientAgent client,
        LoadRequest request,
        LoadProfile profile,
        int peakUsers,
        int inFlightCap) {
      this.client = client;
      this.profile = profile;
      this.inFlightCap = inFlightCap;
      this.body = request.body();
      this.timeoutNanos = request.timeout().toNanos();
      this.thinkMillis = request.think().toMillis();
      this.userRunning = new AtomicIntegerArray(Math.max(1, peakUsers));
      this.template =
          new RequestOptions()
              .setMethod(HttpMethod.valueOf(request.method().toUpperCase(Locale.ROOT)))
              .setAbsoluteURI(request.url().toString())
              .setTimeout(request.timeout().toMillis());
      request.headers().forEach(template::putHeader);
    }

    LoadSummary execute(SecondSink sink, BooleanSupplier stopSupplier) {
      driver = vertx.getOrCreateContext();
      driver.runOnContext(v -> begin());
      try {
        while (true) {
          Cut cut = cuts.poll(50, TimeUnit.MILLISECONDS);
          if (cut != null) {
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
      // From the counts at the last cut, so the summary agrees with the rows even if a request
      // abandoned at the drain deadline completes afterwards.
      return new LoadSummary(
          cutSent,
          cutCompleted,
          Arrays.stream(cutErrors).sum(),
          cutDropped,
          peakRps,
          total.getValueAtPercentile(50) / 1000.0,
          total.getValueAtPercentile(99) / 1000.0,
          total.getMaxValue() / 1000.0,
          stoppedEarly);
    }

    private void begin() {
      startNanos = System.nanoTime();
      startEpochMillis = System.currentTimeMillis();
      lastCutNanos = startNanos;
      lastClosedAdjustNanos = startNanos - CLOSED_ADJUST_NANOS;
      recorder.reset();
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
        if (stopping && (inFlight.get() == 0 || now >= drainDeadlineNanos)) {
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
      if (t >= profile.totalSeconds()) {
        // Ticks are ~1 ms apart, so arrivals due in the last moments before the end may not have
        // been sent yet; send them so an open run offers exactly the scheduled count.
        issueArrivals(profile.totalSeconds());
      }
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
        if (targetUsers != 0) {
          adjustUsers(0);
        }
        issueArrivals(t);
      }
    }

    /** Starts users below the target that are not running; those above retire by themselves. */
    private void adjustUsers(int target) {
      int wanted = Math.min(target, userRunning.length());
      targetUsers = wanted;
      for (int user = 0; user < wanted; user++) {
        if (userRunning.compareAndSet(user, 0, 1)) {
          runningUsers.incrementAndGet();
          userLoop(user);
        }
      }
    }

    private void userLoop(int user) {
      if (stopping || user >= targetUsers) {
        userRunning.set(user, 0);
        runningUsers.decrementAndGet();
        return;
      }
      send(System.nanoTime(), () -> afterUserRequest(user));
    }

    private void afterUserRequest(int user) {
      if (thinkMillis > 0 && !stopping) {
        vertx.setTimer(thinkMillis, id -> userLoop(user));
      } else {
        // Queued rather than called, so a run of instant failures cannot deepen the stack.
        vertx.runOnContext(v -> userLoop(user));
      }
    }

    /** Sends every arrival due by {@code t}, each measured from its scheduled time. */
    private void issueArrivals(double t) {
      double due = profile.arrivalsBy(t);
      while (openIssued + 0.5 <= due) {
        double scheduled = profile.arrivalTime(openIssued);
        openIssued++;
        if (inFlight.get() >= inFlightCap) {
          dropped.incrementAndGet();
          continue;
        }
        send(startNanos + Math.round(scheduled * 1e9), null);
      }
    }

    /**
     * Sends one request. Latency runs from {@code fromNanos} to the end of the response and is
     * recorded for every response, error statuses included; requests without a response have no
     * latency and count only as errors.
     */
    private void send(long fromNanos, Runnable then) {
      sent.incrementAndGet();
      inFlight.incrementAndGet();
      client
          .request(new RequestOptions(template))
          .compose(req -> body.length == 0 ? req.send() : req.send(Buffer.buffer(body)))
          .compose(response -> response.end().map(v -> response.statusCode()))
          .onComplete(
              result -> {
                long latencyMicros = Math.max(1, (System.nanoTime() - fromNanos) / 1000);
                if (result.succeeded()) {
                  recorder.recordValue(latencyMicros);
                  completed.incrementAndGet();
                  ErrorClass error = ErrorClass.ofStatus(result.result());
                  if (error != null) {
                    errors.incrementAndGet(error.ordinal());
                  }
                } else {
                  errors.incrementAndGet(ErrorClass.of(result.cause()).ordinal());
                }
                inFlight.decrementAndGet();
                if (then != null) {
                  then.run();
                }
              });
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

    private void cut(long atNanos) {
      Histogram interval = recorder.getIntervalHistogram();
      total.add(interval);

      long sentNow = sent.get();
      long completedNow = completed.get();
      long droppedNow = dropped.get();
      Map<String, Long> byClass = new LinkedHashMap<>();
      long errorCount = 0;
      for (ErrorClass errorClass : ErrorClass.values()) {
        long count = errors.get(errorClass.ordinal());
        long delta = count - cutErrors[errorClass.ordinal()];
        cutErrors[errorClass.ordinal()] = count;
        byClass.put(errorClass.label(), delta);
        errorCount += delta;
      }

      double middle = ((lastCutNanos + atNanos) / 2.0 - startNanos) / 1e9;
      double clamped = Math.min(middle, Math.nextDown(profile.totalSeconds()));
      LoadSegment segment = profile.segmentAt(clamped);
      double seconds = Math.max(1.0, (atNanos - lastCutNanos) / 1e9);
      long completedDelta = completedNow - cutCompleted;
      double rps = completedDelta / seconds;
      peakRps = Math.max(peakRps, rps);
      int active =
          segment.model() == LoadSegment.Model.CLOSED ? runningUsers.get() : inFlight.get();

      SecondRow row =
          new SecondRow(
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
      cutSent = sentNow;
      cutCompleted = completedNow;
      cutDropped = droppedNow;
      lastCutNanos = atNanos;
      rowsCut++;
      cuts.add(new Cut(row, interval));
    }
  }
}
