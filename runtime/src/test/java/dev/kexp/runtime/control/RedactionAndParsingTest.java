package dev.kexp.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kexp.runtime.exec.Kubeconfig;
import dev.kexp.runtime.metrics.ProcParser;
import dev.kexp.runtime.metrics.RemoteProcSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pure pieces around the remotes. */
class RedactionAndParsingTest {
  @Test
  void patternsRedactWhatAToolPrintsUnasked() {
    Redactor r = new Redactor();
    r.addPattern("--token\\s+(\\S+)");
    r.add("K10abc::server:def");
    assertEquals(
        "kubeadm join 10.0.0.1:6443 --token <redacted> --x; <redacted>",
        r.redact(
            "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --x; K10abc::server:def"));
  }

  @Test
  void theKubeconfigIsPointedAtTheMasterKeepingThePort() {
    String yaml = "clusters:\n- cluster:\n    server: https://127.0.0.1:6443\n  name: default\n";
    assertEquals(
        "clusters:\n- cluster:\n    server: https://node0.example.org:6443\n  name: default\n",
        Kubeconfig.pointAt(yaml, "node0.example.org"));
    assertEquals(
        "    server: https://node0:16443\n",
        Kubeconfig.pointAt("    server: https://10.0.0.5:16443\n", "node0"));
    assertEquals(
        "- cluster: {server: 'https://node0:6443', insecure-skip-tls-verify: true}\n",
        Kubeconfig.pointAt(
            "- cluster: {server: 'https://127.0.0.1:6443', insecure-skip-tls-verify: true}\n",
            "node0"));
    assertEquals(
        "    server: \"https://node0\"\n",
        Kubeconfig.pointAt("    server: \"https://[::1]\"\n", "node0"));
  }

  @Test
  void oneRemoteCommandReadsTheFourProcFiles() throws Exception {
    List<RecordingRemote.Call> calls = new ArrayList<>();
    RecordingRemote node =
        new RecordingRemote("n1", calls)
            .reply(
                "cat /proc/stat",
                "@@kexp-file /proc/stat\ncpu  1 2 3 4 5 6 7 8\n@@kexp-file /proc/meminfo\n"
                    + "MemTotal: 100 kB\nMemAvailable: 50 kB\n@@kexp-file /proc/diskstats\n"
                    + "@@kexp-file /proc/net/dev\nInter-|\n face |\n eth0: 10 0 0 0 0 0 0 0 20 0\n");
    Map<String, String> texts = new RemoteProcSource(node).readAll(ProcParser.FILES);
    assertEquals(1, calls.size(), "one round trip per sample");
    assertEquals(ProcParser.FILES, List.copyOf(texts.keySet()));
    assertEquals(50, ProcParser.parseMeminfo(texts.get("/proc/meminfo")).availableKb());
    assertEquals(20, ProcParser.parseNetDev(texts.get("/proc/net/dev")).txBytes());
    assertEquals(Duration.ofMinutes(10), Remote.Command.of("x").timeout());
  }
}
