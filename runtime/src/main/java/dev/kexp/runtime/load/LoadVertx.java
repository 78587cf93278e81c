package dev.kexp.runtime.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x instance load runs on: one event loop per core (more only add context switches to a
 * generator that shares the machine with its target) and the native epoll transport where the
 * platform has it.
 */
public final class LoadVertx {
  private LoadVertx() {}

  public static Vertx create() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return Vertx.vertx(
        new VertxOptions()
            .setPreferNativeTransport(true)
            .setEventLoopPoolSize(cores)
            // A 30-minute breakpoint run would otherwise log "blocked thread" noise on GC pauses.
            .setBlockedThreadCheckInterval(10_000));
  }
}
