package dev.kexp.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bounded parallel fan-out across the four real SSH nodes. */
class FanoutTest {
  static SshNodes nodes;
  static final Map<Integer, SshRemote> remotes = new ConcurrentHashMap<>();

  @BeforeAll
  static void connect() throws Exception {
    nodes = SshNodes.get();
    for (int n = 1; n <= SshNodes.COUNT; n++) {
      SshRemote r = new SshRemote(nodes.settings(n), NodeLog.discard("n" + n, new Redactor()));
      r.run(Remote.Command.of("true")); // connected before the clock starts
      remotes.put(n, r);
    }
  }

  @AfterAll
  static void close() {
    remotes.values().forEach(SshRemote::close);
  }

  static List<Integer> all() {
    return List.of(1, 2, 3, 4);
  }

  @Test
  void fourNodesTakeAboutAsLongAsTheSlowestNotTheSum() throws Exception {
    long t0 = System.nanoTime();
    Fanout.each(
        all(),
        4,
        n -> {
          Remote.CommandResult r = remotes.get(n).run(Remote.Command.of("sleep 0." + (n * 2)));
          assertTrue(r.ok());
        });
    double took = (System.nanoTime() - t0) / 1e9;
    // 0.2 + 0.4 + 0.6 + 0.8 = 2.0 s one after the other; the slowest alone is 0.8 s.
    assertTrue(took < 1.6, "took " + took + " s");
    assertTrue(took >= 0.8, "took " + took + " s");
  }

  @Test
  void forksBoundHowManyRunAtOnce() throws Exception {
    long t0 = System.nanoTime();
    Fanout.each(all(), 2, n -> remotes.get(n).run(Remote.Command.of("sleep 0.5")));
    double took = (System.nanoTime() - t0) / 1e9;
    assertTrue(took >= 1.0, "two waves of 0.5 s, took " + took + " s");
    assertTrue(took < 1.9, "took " + took + " s");
  }

  @Test
  void aFailureCancelsTheOthersOnTheirNodesAndIsReported() throws Exception {
    List<Integer> started = new ArrayList<>();
    long t0 = System.nanoTime();
    Fanout.Failure f =
        assertThrows(
            Fanout.Failure.class,
            () ->
                Fanout.each(
                    all(),
                    4,
                    n -> {
                      synchronized (started) {
                        started.add(n);
                      }
                      String line = n == 2 ? "sleep 0.3; echo broken >&2; exit 7" : "sleep 3021";
                      Remote.CommandResult r =
                          remotes
                              .get(n)
                              .run(new Remote.Command(line, n != 2, Duration.ofMinutes(5)));
                      if (!r.ok())
                        throw new IllegalStateException("node " + n + " exited " + r.exit());
                    }));
    double took = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, f.item());
    assertEquals("node 2 exited 7", f.getMessage());
    assertEquals(4, started.size());
    assertTrue(took < 5, "the others were cancelled, not waited for: " + took + " s");
    SshRemoteTest.assertNoProcess("sleep 3021");
    // The connections stay usable after a cancellation.
    for (int n : all()) assertTrue(remotes.get(n).run(Remote.Command.of("true")).ok());
  }
}
