package dev.kexp.runtime.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per node, at most {@code forks} at a time (like Ansible's forks). The first failure
 * cancels the others: queued tasks never start, running ones are interrupted, which makes a remote
 * kill its command on the node. Every task has ended when this returns, so nothing keeps running
 * behind the failed step.
 */
public final class Fanout {
  /** Ansible's default number of forks. */
  public static final int DEFAULT_FORKS = 5;

  /** Work on one node. */
  @FunctionalInterface
  public interface Task<T> {
    void run(T item) throws Exception;
  }

  /** A task that failed, and on which item. */
  public static final class Failure extends Exception {
    private final Object item;

    Failure(Object item, Throwable cause) {
      super(cause.getMessage(), cause);
      this.item = item;
    }

    public Object item() {
      return item;
    }
  }

  private Fanout() {}

  public static <T> void each(List<T> items, int forks, Task<T> task) throws Failure {
    if (items.isEmpty()) return;
    if (items.size() == 1) {
      try {
        task.run(items.get(0));
      } catch (Exception e) {
        throw new Failure(items.get(0), e);
      }
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(forks, items.size())),
            r -> {
              Thread t = new Thread(r, "kexp-fanout-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    LinkedBlockingQueue<Integer> done = new LinkedBlockingQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    try {
      for (int i = 0; i < items.size(); i++) {
        int index = i;
        T item = items.get(i);
        futures.add(
            pool.submit(
                () -> {
                  try {
                    task.run(item);
                    return null;
                  } finally {
                    done.add(index);
                  }
                }));
      }
      for (int finished = 0; finished < items.size(); finished++) {
        int index = done.take();
        try {
          futures.get(index).get();
        } catch (ExecutionException e) {
          if (failures.isEmpty()) futures.forEach(f -> f.cancel(true));
          failures.add(new Failure(items.get(index), e.getCause()));
        }
        if (!failures.isEmpty() && futures.stream().allMatch(Future::isDone)) break;
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      failures.add(new Failure(null, new InterruptedException("cancelled")));
    } finally {
      // shutdown, not shutdownNow: a second interrupt would break off the kill a cancelled task
      // is sending to its node.
      pool.shutdown();
      try {
        // Cancelled remotes kill their commands before they return; wait for that.
        pool.awaitTermination(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!failures.isEmpty()) {
      Failure first = failures.get(0);
      for (int i = 1; i < failures.size(); i++) first.addSuppressed(failures.get(i));
      throw first;
    }
  }
}
