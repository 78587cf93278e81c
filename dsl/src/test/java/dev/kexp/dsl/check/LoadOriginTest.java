package dev.kexp.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kexp.dsl.Kexp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where load comes from: check warns when this machine loads a target elsewhere. */
class LoadOriginTest {
  @TempDir Path dir;

  private List<String> problems(String cluster, String target) throws IOException {
    Path f = dir.resolve("origin.kexp");
    Files.writeString(
        f,
        "experiment 'origin' {\n"
            + "    cluster { "
            + cluster
            + " }\n"
            + "    load { target '"
            + target
            + "' }\n"
            + "    phases { hold 10 over 1.min }\n"
            + "}\n");
    Kexp.Loaded loaded = Kexp.load(f);
    assertFalse(loaded.hasErrors(), () -> loaded.problems().toString());
    return loaded.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void aTargetElsewhereLoadedFromThisMachineIsAWarningAtTheLoadBlock() throws IOException {
    assertEquals(
        List.of(
            dir.resolve("origin.kexp")
                + ":3:5: warning: load comes from this machine (the cluster has no loader),"
                + " and its target node0 is not on this machine: the results include this"
                + " machine's network path; add loader 'node' to the cluster to load from next to"
                + " it"),
        problems("master 'node0'", "http://node0:8080/"));
  }

  @Test
  void aLoaderOrALoopbackTargetIsNoWarning() throws IOException {
    assertEquals(List.of(), problems("master 'node0'; loader 'node4'", "http://node0:8080/"));
    assertEquals(List.of(), problems("master 'node0'", "http://127.0.0.1:8080/"));
    assertEquals(List.of(), problems("loaders 'node4', 'node5'", "http://10.1.2.3/"));
  }

  @Test
  void aWorkloadOnTheClusterLoadedFromThisMachineIsAWarningAtTheLoadPhase() throws IOException {
    Path f = dir.resolve("workload.kexp");
    Files.writeString(
        f,
        """
        experiment 'w' {
            cluster { master 'node0'; workers 'node1'; distro k3s }
            workload deployment('web', image: 'nginx:1.25', replicas: 2)
            phases { install; deploy; hold 10 over 1.min }
        }
        """);
    List<String> problems = Kexp.load(f).problems().stream().map(Problem::toString).toList();
    assertEquals(
        List.of(
            f
                + ":4:31: warning: load comes from this machine (the cluster has no loader) and"
                + " goes to the workload on the cluster's nodes: the results include this"
                + " machine's network path; add loader 'node' to the cluster to load from next to"
                + " it"),
        problems);
    Files.writeString(
        f, Files.readString(f).replace("workers 'node1';", "workers 'node1'; loader 'node2';"));
    assertEquals(List.of(), Kexp.load(f).problems().stream().map(Problem::toString).toList());
  }
}
