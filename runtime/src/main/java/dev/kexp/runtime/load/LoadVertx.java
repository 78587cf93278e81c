package dev.kexp.runtime.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;

/**
 * The Vert.x instance load runs on: one event loop per core (more only add context switches to a
 * generator that shares the machine with its target) and the native epoll transport where the
 * platform has it.
 */
public final class LoadVertx {
  private LoadVertx() {}

  /**
   * Per-task and per-request bookkeeping that a load generator does not need, switched off the way
   * Vert.x's own benchmark servers do. Vert.x and Netty read these once, when their classes load,
   * so {@link #tune()} must run before anything touches them. Measured here at 100 connections:
   * about +40 % requests/s together (none of them alone made a clear difference).
   */
  static final Map<String, String> TUNING =
      Map.of(
          // a System.nanoTime pair around every task, for metrics kexp does not read
          "vertx.disableContextTimings", "true",
          // a class-loader swap around every task
          "vertx.disableTCCL", "true",
          // assertions that code runs on the right thread, a debugging aid
          "vertx.threadChecks", "false",
          // header validation on every request and response: LoadRequest checks the headers
          // kexp sends once, up front
          "vertx.disableHttpHeadersValidation", "true",
          // sampled tracking of buffer allocations, a debugging aid for Netty's own users
          "io.netty.leakDetection.level", "disabled");

  /** Sets the {@link #TUNING} properties that the user has not set otherwise. */
  public static void tune() {
    TUNING.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) System.setProperty(key, value);
        });
  }

  public static Vertx create() {
    tune();
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return Vertx.vertx(
        new VertxOptions()
            .setPreferNativeTransport(true)
            .setEventLoopPoolSize(cores)
            // A 30-minute breakpoint run would otherwise log "blocked thread" noise on GC pauses.
            .setBlockedThreadCheckInterval(10_000));
  }
}
