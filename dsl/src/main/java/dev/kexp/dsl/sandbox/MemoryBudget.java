package dev.kexp.dsl.sandbox;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the memory an evaluation allocates, as {@code TimedInterrupt} bounds its time. The bytes
 * allocated by the evaluating thread (HotSpot counts them per thread) are polled; past the budget
 * the thread is interrupted, and the interrupt checks the sandbox compiles into every loop and
 * closure stop it. A single call that would allocate more than the rest of the budget at once
 * ({@code 'x' * 2000000000}) is refused before it runs by {@link SafeSize}, which reads the budget
 * of the current thread from here.
 */
public final class MemoryBudget {
  /** What one file or prompt line may allocate while it is evaluated. */
  public static final long DEFAULT_BYTES = 256L << 20;

  private static final long POLL_MS = 10;
  private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();
  private static final ScheduledExecutorService POLLER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kexp-memory-budget");
            t.setDaemon(true);
            return t;
          });

  private MemoryBudget() {}

  /** Raised when an evaluation goes over its budget. */
  public static final class Exceeded extends RuntimeException {
    public Exceeded(long budget) {
      super(message(budget));
    }
  }

  public static String message(long budget) {
    return "the evaluation allocated more than "
        + (budget >> 20)
        + " MB: a .kexp file describes an experiment; look for a very large string or list, or a very long loop";
  }

  /** Starts watching the current thread; close the watch when the evaluation ends. */
  public static Watch watch(long budget) {
    Watch w = new Watch(Thread.currentThread(), budget);
    CURRENT.set(w);
    return w;
  }

  /** Bytes the current thread may still allocate, or {@link Long#MAX_VALUE} when unwatched. */
  static long remaining() {
    Watch w = CURRENT.get();
    return w == null ? Long.MAX_VALUE : w.budget - w.used();
  }

  static long budget() {
    Watch w = CURRENT.get();
    return w == null ? Long.MAX_VALUE : w.budget;
  }

  private static long allocated(long threadId) {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
        && hotspot.isThreadAllocatedMemorySupported()) {
      return hotspot.getThreadAllocatedBytes(threadId);
    }
    return 0; // not measurable on this JVM: only the time limit and SafeSize bound it
  }

  /** One evaluation being watched. */
  public static final class Watch implements AutoCloseable {
    private final Thread thread;
    private final long budget;
    private final long start;
    private final ScheduledFuture<?> poll;
    private volatile boolean exceeded;

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    private Watch(Thread thread, long budget) {
      this.thread = thread;
      this.budget = budget;
      this.start = allocated(thread.getId());
      this.poll = POLLER.scheduleAtFixedRate(this::check, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("deprecation")
    private long used() {
      return allocated(thread.getId()) - start;
    }

    private void check() {
      if (!exceeded && used() > budget) {
        exceeded = true;
        thread.interrupt();
      }
    }

    /** Whether the evaluation went over its budget (and was interrupted for it). */
    public boolean exceeded() {
      return exceeded;
    }

    public long budget() {
      return budget;
    }

    @Override
    public void close() {
      poll.cancel(false);
      CURRENT.remove();
      if (exceeded) Thread.interrupted(); // the interrupt was ours: do not leak it to the caller
    }
  }
}
