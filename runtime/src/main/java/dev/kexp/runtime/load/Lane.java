package dev.kexp.runtime.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one event loop and the requests sent over them.
 *
 * <p>Requests go straight onto {@link HttpClientConnection}s rather than through Vert.x's pooled
 * {@code HttpClient.request}: a closed-model user owns one connection, like a wrk connection, and
 * the open model keeps its own stack of idle connections. Measured here, the pool's lookup and its
 * extra futures cost about 15 % of throughput at 100 connections. Everything in a lane runs on its
 * own event-loop context, so none of this state needs a lock.
 *
 * <p>Timeouts come from one sweep every few milliseconds over the lane's busy connections instead
 * of a timer per request (a timer is an allocation and two priority-queue operations per request).
 * A request that times out closes its connection: an HTTP/1.1 response that arrives late would
 * otherwise be taken for the next request's.
 */
final class Lane {

  /** What a lane tells the run about each request. */
  interface Results {
    /** A response arrived; latency runs from {@code fromNanos}. */
    void responded(long fromNanos, int status);

    /** The request failed without a response. */
    void failed(ErrorClass error);
  }

  /** Called on the lane's context once a request has ended, either way. */
  interface Done {
    void done(boolean responded);
  }

  /**
   * A closed-model user: its own connection, kept between its requests, and what to do after each
   * (made once per user, not once per request).
   */
  static final class User {
    Connection connection;
    private final Ended ended;

    User(Done done) {
      this.ended = (connection, responded) -> done.done(responded);
    }
  }

  /**
   * Connects started at once per lane in the open model; more arrivals wait for a connection.
   * Opening thousands at once overflows the target's accept and SYN queues.
   */
  static final int MAX_CONNECTING = 64;

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final Context context;
  private final HttpConnectOptions connectOptions;
  private final RequestOptions template;
  private final byte[] body;
  private final long timeoutNanos;
  private final Results results;
  private final int maxPooled;

  private final List<Connection> live = new ArrayList<>();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  // Open-model requests waiting for a connection: their intended send times, oldest first.
  private final ArrayDeque<Long> waiting = new ArrayDeque<>();
  private int pooled;
  private int connecting;
  private long sweepTimer = -1;

  Lane(
      Vertx vertx,
      HttpClientAgent client,
      Context context,
      HttpConnectOptions connectOptions,
      RequestOptions template,
      byte[] body,
      long timeoutNanos,
      int maxPooled,
      Results results) {
    this.vertx = vertx;
    this.client = client;
    this.context = context;
    this.connectOptions = connectOptions;
    this.template = template;
    this.body = body;
    this.timeoutNanos = timeoutNanos;
    this.maxPooled = Math.max(1, maxPooled);
    this.results = results;
  }

  Context context() {
    return context;
  }

  HttpClientAgent client() {
    return client;
  }

  /**
   * Runs {@code task} on this lane's context at {@code atNanos} ({@link System#nanoTime}). Netty's
   * own scheduler, with epoll's timerfd under it, keeps to the microsecond where Vert.x timers
   * count whole milliseconds; Vert.x has no public way to it, hence its internal context API.
   */
  void runAt(long atNanos, Runnable task) {
    ContextInternal internal = (ContextInternal) context;
    internal
        .nettyEventLoop()
        .schedule(
            () -> internal.dispatch(task),
            Math.max(0, atNanos - System.nanoTime()),
            TimeUnit.NANOSECONDS);
  }

  /** Starts the timeout sweep; call once, from any thread. */
  void start() {
    // A tenth of the timeout, between 5 and 100 ms: late by at most that, never by a whole tick.
    long period = Math.max(5, Math.min(100, timeoutNanos / 10 / 1_000_000));
    context.runOnContext(v -> sweepTimer = vertx.setPeriodic(period, id -> sweep()));
  }

  /** Sends on this user's own connection, opening it first if the user has none or it closed. */
  void sendAs(User user, long fromNanos) {
    Connection own = user.connection;
    if (own != null && !own.closed) {
      exchange(own, fromNanos, user.ended);
      return;
    }
    user.connection = null;
    client
        .connect(connectOptions)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                results.failed(ErrorClass.of(ar.cause()));
                user.ended.ended(null, false);
                return;
              }
              Connection opened = adopt(ar.result());
              user.connection = opened;
              exchange(opened, fromNanos, user.ended);
            });
  }

  /**
   * Open model: sends on an idle connection, else on a new one while under the cap, else queues
   * until a connection frees. Latency still runs from {@code fromNanos}, the intended time.
   */
  void sendPooled(long fromNanos) {
    Connection free = pollIdle();
    if (free != null) {
      exchange(free, fromNanos, this::release);
    } else if (pooled < maxPooled && connecting < MAX_CONNECTING) {
      openPooled(fromNanos);
    } else {
      waiting.add(fromNanos);
    }
  }

  private void openPooled(long fromNanos) {
    pooled++;
    connecting++;
    client
        .connect(connectOptions)
        .onComplete(
            ar -> {
              connecting--;
              if (ar.failed()) {
                pooled--;
                results.failed(ErrorClass.of(ar.cause()));
                startWaiting();
                return;
              }
              exchange(adopt(ar.result()), fromNanos, this::release);
            });
  }

  /** A pooled request ended: its connection serves the next waiting request or goes idle. */
  private void release(Connection connection, boolean responded) {
    if (connection.closed) {
      pooled--;
      startWaiting();
    } else if (!waiting.isEmpty()) {
      exchange(connection, waiting.poll(), this::release);
    } else {
      // Last in, first out: the connections in use stay few and warm while the rest idle.
      idle.push(connection);
    }
  }

  /** Opens connections for waiting requests while the cap allows. */
  private void startWaiting() {
    while (!waiting.isEmpty() && pooled < maxPooled && connecting < MAX_CONNECTING) {
      openPooled(waiting.poll());
    }
  }

  private Connection pollIdle() {
    Connection c;
    while ((c = idle.poll()) != null) {
      if (!c.closed) return c;
      pooled--;
    }
    return null;
  }

  private Connection adopt(HttpClientConnection http) {
    Connection connection = new Connection(http);
    http.closeHandler(v -> connection.closed = true);
    live.add(connection);
    return connection;
  }

  /**
   * Called on the lane's context when an exchange on a connection has ended (the connection is null
   * when it could not even be opened).
   */
  private interface Ended {
    void ended(Connection connection, boolean responded);
  }

  private void exchange(Connection connection, long fromNanos, Ended ended) {
    int exchange = ++connection.exchange;
    connection.busySinceNanos = System.nanoTime();
    connection.ended = ended;
    // Callbacks rather than compose/map: every stage of a composed future is another promise and
    // listener allocated per request, on a path that runs 50,000 times a second.
    connection
        .http
        .request(template)
        .onComplete(
            requested -> {
              if (requested.failed()) {
                end(connection, exchange, fromNanos, ended, -1, requested.cause());
                return;
              }
              HttpClientRequest req = requested.result();
              (body == null ? req.send() : req.send(Buffer.buffer(body)))
                  .onComplete(
                      responded -> {
                        if (responded.failed()) {
                          end(connection, exchange, fromNanos, ended, -1, responded.cause());
                          return;
                        }
                        HttpClientResponse response = responded.result();
                        response
                            .end()
                            .onComplete(
                                read ->
                                    end(
                                        connection,
                                        exchange,
                                        fromNanos,
                                        ended,
                                        response.statusCode(),
                                        read.cause()));
                      });
            });
  }

  /** The exchange is over: a status, or a failure (then status is -1). */
  private void end(
      Connection connection,
      int exchange,
      long fromNanos,
      Ended ended,
      int status,
      Throwable failure) {
    if (connection.exchange != exchange) {
      return; // already counted as a timeout by the sweep
    }
    connection.busySinceNanos = 0;
    connection.ended = null;
    if (failure == null) {
      results.responded(fromNanos, status);
      ended.ended(connection, true);
    } else {
      // The connection's state is unknown after a failure: do not reuse it.
      close(connection);
      results.failed(ErrorClass.of(failure));
      ended.ended(connection, false);
    }
  }

  private void close(Connection connection) {
    if (!connection.closed) {
      connection.closed = true;
      connection.http.close();
    }
  }

  /** Times out busy connections and waiting requests older than the timeout. */
  private void sweep() {
    long now = System.nanoTime();
    int kept = 0;
    for (int i = 0; i < live.size(); i++) {
      Connection c = live.get(i);
      if (c.busySinceNanos != 0 && now - c.busySinceNanos >= timeoutNanos) {
        Ended ended = c.ended;
        c.exchange++;
        c.busySinceNanos = 0;
        c.ended = null;
        close(c);
        results.failed(ErrorClass.TIMEOUT);
        ended.ended(c, false);
      }
      if (!c.closed) live.set(kept++, c);
    }
    live.subList(kept, live.size()).clear();
    while (!waiting.isEmpty() && now - waiting.peek() >= timeoutNanos) {
      waiting.poll();
      results.failed(ErrorClass.TIMEOUT);
    }
  }

  /** Stops the sweep and closes every connection; call on any thread, waits for the lane. */
  void close() {
    context.runOnContext(
        v -> {
          if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
          for (Connection c : live) close(c);
          live.clear();
          idle.clear();
        });
  }

  /** One connection and the request on it, if any; touched only on the lane's context. */
  private static final class Connection {
    final HttpClientConnection http;
    boolean closed;
    int exchange;
    long busySinceNanos;
    Ended ended;

    Connection(HttpClientConnection http) {
      this.http = http;
    }
  }
}
