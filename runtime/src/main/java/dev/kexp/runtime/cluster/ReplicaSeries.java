package dev.kexp.runtime.cluster;

import dev.kexp.runtime.results.ReplicasFile;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * replicas.csv of a run: {@code epoch_ms,namespace,name,desired,ready}, one row each time a watched
 * Deployment's desired or ready replicas change, as an informer delivers them (not by polling the
 * API server). An OpenFaaS function is a Deployment of the same name in {@code openfaas-fn}, so
 * functions are watched the same way. Rows are flushed as they come.
 */
public final class ReplicaSeries implements AutoCloseable {

  private final KubernetesClient client;
  private final BufferedWriter out;
  private final List<SharedIndexInformer<Deployment>> informers = new ArrayList<>();
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kexp-replicas");
            t.setDaemon(true);
            return t;
          });

  public ReplicaSeries(KubernetesClient client, Path runDir) throws IOException {
    this.client = client;
    Path file = runDir.resolve(ReplicasFile.FILE);
    boolean fresh = !Files.exists(file);
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (fresh) line(ReplicasFile.HEADER);
  }

  /**
   * Starts watching one Deployment; it need not exist yet (a function deployed later shows up when
   * it is created; a deleted one is written as 0 desired, 0 ready).
   *
   * @param every if not null, also repeat the last known state at this interval, from the
   *     informer's cache, so plots have a sample in every window even when nothing changes
   */
  public void watch(String namespace, String name, Duration every) {
    SharedIndexInformer<Deployment> informer =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .inform(
                new ResourceEventHandler<>() {
                  private int lastDesired = -1;
                  private int lastReady = -1;

                  @Override
                  public void onAdd(Deployment d) {
                    record(d);
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment d) {
                    record(d);
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknownFinalState) {
                    lastDesired = 0;
                    lastReady = 0;
                    row(namespace, name, 0, 0);
                  }

                  private synchronized void record(Deployment d) {
                    int desired = desired(d);
                    int ready = ready(d);
                    // Resyncs and status updates of other fields repeat the same counts.
                    if (desired == lastDesired && ready == lastReady) return;
                    lastDesired = desired;
                    lastReady = ready;
                    row(namespace, name, desired, ready);
                  }
                },
                0);
    informers.add(informer);
    if (every != null && !every.isZero()) {
      ticks.scheduleAtFixedRate(
          () -> {
            Deployment d = informer.getStore().getByKey(namespace + "/" + name);
            if (d != null) row(namespace, name, desired(d), ready(d));
          },
          every.toMillis(),
          every.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private static int desired(Deployment d) {
    return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  private static int ready(Deployment d) {
    return d.getStatus() == null || d.getStatus().getReadyReplicas() == null
        ? 0
        : d.getStatus().getReadyReplicas();
  }

  private void row(String namespace, String name, int desired, int ready) {
    line(
        ReplicasFile.csvLine(
            new ReplicasFile.Row(System.currentTimeMillis(), namespace, name, desired, ready)));
  }

  private synchronized void line(String s) {
    try {
      out.write(s);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    ticks.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
    synchronized (this) {
      out.close();
    }
  }
}
