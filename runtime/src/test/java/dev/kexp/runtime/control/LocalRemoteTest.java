package dev.kexp.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This machine as a node: the same contract as SSH, without a network. */
class LocalRemoteTest {
  @TempDir Path tmp;

  @Test
  void runsStreamsTimesOutAndUploads() throws Exception {
    try (NodeLog log = NodeLog.open(tmp.resolve("local.log"), "localhost", new Redactor());
        LocalRemote r = new LocalRemote("localhost", log)) {
      Remote.CommandResult res = r.run(Remote.Command.of("echo out; echo err >&2; exit 4"));
      assertEquals(4, res.exit());
      assertEquals("out\n", res.stdout());
      assertEquals("err\n", res.stderr());
      Remote.RemoteException e =
          assertThrows(
              Remote.RemoteException.class,
              () ->
                  r.run(
                      new Remote.Command(
                          "sh -c 'sleep 3031' & wait", false, Duration.ofMillis(500))));
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      SshNodes.assertNoProcess("sleep 3031");
      Path target = tmp.resolve("sub/file.sh");
      r.upload("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), target.toString(), 0750);
      assertEquals(
          "rwxr-x---",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(target)));
      assertEquals("hi", r.run(Remote.Command.of(target.toString())).stdout().strip());
    }
    String text = Files.readString(tmp.resolve("local.log"));
    assertTrue(text.contains(" out out") && text.contains(" err err"), text);
  }
}
