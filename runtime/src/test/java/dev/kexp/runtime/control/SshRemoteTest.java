package dev.kexp.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sshj remote against real OpenSSH servers (see {@link SshNodes}). */
class SshRemoteTest {
  static SshNodes nodes;
  @TempDir Path tmp;

  @BeforeAll
  static void nodes() {
    nodes = SshNodes.get();
  }

  private NodeLog log(String name) throws IOException {
    return NodeLog.open(tmp.resolve(name + ".log"), name, new Redactor());
  }

  private String logText(String name) throws IOException {
    return Files.readString(tmp.resolve(name + ".log"));
  }

  @Test
  void runsACommandStreamsBothStreamsToTheLogAndReturnsTheExitStatus() throws Exception {
    try (NodeLog log = log("n1");
        SshRemote r = new SshRemote(nodes.settings(1), log)) {
      Remote.CommandResult res =
          r.run(Remote.Command.of("echo one; echo two >&2; sleep 0.3; echo three; exit 3"));
      assertEquals(3, res.exit());
      assertEquals("one\nthree\n", res.stdout());
      assertEquals("two\n", res.stderr());
      String text = logText("n1");
      // stdout and stderr are separate streams, so "one" and "two" may come in either order;
      // "three"
      // comes 300 ms later, and its log time shows it was written when printed, not at the end.
      assertTrue(text.indexOf(" out three") > text.indexOf(" out one"), text);
      assertTrue(text.indexOf(" out three") > text.indexOf(" err two"), text);
      assertTrue(millis(text, "out three") - millis(text, "out one") >= 250, text);
      assertFalse(text.contains("kexp-pgid"), "the wrapper's own line is not the command's");
    }
  }

  private static long millis(String log, String what) {
    String line = log.lines().filter(l -> l.contains(what)).findFirst().orElseThrow();
    return java.time.LocalTime.parse(line.substring(0, 12)).toNanoOfDay() / 1_000_000;
  }

  @Test
  void sudoRunsAsRootAndTheLoginUserIsTheConfiguredOne() throws Exception {
    try (NodeLog log = log("n1");
        SshRemote r = new SshRemote(nodes.settings(1), log)) {
      assertEquals("0", r.run(Remote.Command.root("id -u")).stdout().strip());
      assertEquals(SshNodes.USER, r.run(Remote.Command.of("id -un")).stdout().strip());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
  void logsInWithEveryKeyType(String type) throws Exception {
    SshRemote.Settings s =
        SshRemote.Settings.of(nodes.address(2), SshNodes.PORT, SshNodes.USER, nodes.key(type))
            .withKnownHosts(nodes.knownHosts, false);
    try (NodeLog log = log("n2");
        SshRemote r = new SshRemote(s, log)) {
      assertEquals("ok", r.run(Remote.Command.of("echo ok")).stdout().strip());
    }
  }

  @Test
  void anEncryptedKeyOpensWithItsPassphraseWhichIsNeverLogged() throws Exception {
    SshRemote.Settings s =
        nodes
            .settings(2)
            .withPassphrase(SshNodes.PASSPHRASE::toCharArray)
            .withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(5));
    s =
        new SshRemote.Settings(
            s.node(),
            s.host(),
            s.port(),
            s.user(),
            nodes.key("ed25519-pass"),
            s.passphrase(),
            null,
            s.knownHosts(),
            false,
            s.connectTimeout(),
            1,
            s.backoff());
    try (NodeLog log = log("n2");
        SshRemote r = new SshRemote(s, log)) {
      r.run(Remote.Command.of("echo '" + SshNodes.PASSPHRASE + "'"));
    } catch (Remote.RemoteException e) {
      throw new AssertionError(e.getMessage() + "\n" + nodes.sshdLog(2), e);
    }
    String text = logText("n2");
    assertFalse(text.contains(SshNodes.PASSPHRASE), text);
    assertTrue(text.contains("out " + Redactor.MARK), text);

    SshRemote.Settings wrong =
        new SshRemote.Settings(
            s.node(),
            s.host(),
            s.port(),
            s.user(),
            s.key(),
            "wrong"::toCharArray,
            null,
            s.knownHosts(),
            false,
            s.connectTimeout(),
            1,
            s.backoff());
    try (NodeLog log = log("n2b");
        SshRemote r = new SshRemote(wrong, log)) {
      Remote.RemoteException e =
          assertThrows(Remote.RemoteException.class, () -> r.run(Remote.Command.of("true")));
      assertTrue(e.getMessage().contains("cannot load the SSH key"), e.getMessage());
    }
  }

  @Test
  void anUnknownHostKeyFailsNamingTheNodeAndTheFingerprintUnlessAcceptNewAddsIt() throws Exception {
    Path empty = tmp.resolve("known_hosts");
    String expected =
        SshNodes.sh("ssh-keygen -lf " + nodes.base.resolve("n3/host_ed25519.pub")).split(" ")[1];
    try (NodeLog log = log("n3");
        SshRemote r = new SshRemote(nodes.settings(3).withKnownHosts(empty, false), log)) {
      Remote.RemoteException e =
          assertThrows(Remote.RemoteException.class, () -> r.run(Remote.Command.of("true")));
      assertTrue(e.getMessage().contains("host key of " + nodes.address(3)), e.getMessage());
      assertTrue(e.getMessage().contains("is unknown"), e.getMessage());
      assertTrue(e.getMessage().contains(expected), e.getMessage() + " / " + expected);
      assertTrue(e.getMessage().contains("--accept-new-host-keys"), e.getMessage());
    }
    try (NodeLog log = log("n3");
        SshRemote r = new SshRemote(nodes.settings(3).withKnownHosts(empty, true), log)) {
      assertTrue(r.run(Remote.Command.of("true")).ok());
    }
    String added = Files.readString(empty);
    assertTrue(added.contains(nodes.hostKey(3)), added);
    // Now known: strict checking passes.
    try (NodeLog log = log("n3");
        SshRemote r = new SshRemote(nodes.settings(3).withKnownHosts(empty, false), log)) {
      assertTrue(r.run(Remote.Command.of("true")).ok());
    }
  }

  @Test
  void aChangedHostKeyAlwaysFailsEvenWithAcceptNew() throws Exception {
    // Node 4's key filed under node 1's address: what a man in the middle would look like.
    Path wrong = tmp.resolve("known_hosts");
    Files.writeString(
        wrong, "[" + nodes.address(1) + "]:" + SshNodes.PORT + " " + nodes.hostKey(4) + "\n");
    try (NodeLog log = log("n1");
        SshRemote r = new SshRemote(nodes.settings(1).withKnownHosts(wrong, true), log)) {
      Remote.RemoteException e =
          assertThrows(Remote.RemoteException.class, () -> r.run(Remote.Command.of("true")));
      assertTrue(e.getMessage().contains("HAS CHANGED"), e.getMessage());
      assertTrue(e.getMessage().contains(nodes.address(1)), e.getMessage());
      assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
    }
    assertEquals(1, Files.readAllLines(wrong).size(), "a changed key is never written");
  }

  @Test
  void aCommandThatHangsPastItsTimeoutIsKilledOnTheNode() throws Exception {
    try (NodeLog log = log("n1");
        SshRemote r = new SshRemote(nodes.settings(1), log)) {
      long t0 = System.nanoTime();
      Remote.RemoteException e =
          assertThrows(
              Remote.RemoteException.class,
              () ->
                  r.run(
                      new Remote.Command(
                          "echo started; sleep 3011; echo never", true, Duration.ofSeconds(1))));
      double took = (System.nanoTime() - t0) / 1e9;
      assertTrue(e.getMessage().contains("timed out after 1 s"), e.getMessage());
      assertTrue(e.getMessage().contains("killed on the node"), e.getMessage());
      assertTrue(took < 8, "took " + took + " s");
      assertTrue(logText("n1").contains("out started"));
    }
    assertNoProcess("sleep 3011");
  }

  @Test
  void aCancelledCommandIsKilledOnTheNode() throws Exception {
    try (NodeLog log = log("n2");
        SshRemote r = new SshRemote(nodes.settings(2), log)) {
      Thread t = Thread.currentThread();
      Thread interrupter =
          new Thread(
              () -> {
                try {
                  Thread.sleep(700);
                } catch (InterruptedException e) {
                  return;
                }
                t.interrupt();
              });
      interrupter.start();
      Remote.RemoteException e =
          assertThrows(
              Remote.RemoteException.class,
              () -> r.run(new Remote.Command("sleep 3012", true, Duration.ofMinutes(5))));
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
      assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }
    assertNoProcess("sleep 3012");
  }

  static void assertNoProcess(String commandLine) throws InterruptedException {
    SshNodes.assertNoProcess(commandLine);
  }

  @Test
  void aNodeThatIsDownFailsAfterRetriesWithBackoff() throws Exception {
    SshRemote.Settings down =
        SshRemote.Settings.of(
                nodes.prefix + "9", SshNodes.PORT, SshNodes.USER, nodes.key("ed25519"))
            .withKnownHosts(nodes.knownHosts, false)
            .withRetries(3, Duration.ofMillis(200), Duration.ofSeconds(2));
    try (NodeLog log = log("down");
        SshRemote r = new SshRemote(down, log)) {
      long t0 = System.nanoTime();
      Remote.RemoteException e =
          assertThrows(Remote.RemoteException.class, () -> r.run(Remote.Command.of("true")));
      double took = (System.nanoTime() - t0) / 1e9;
      assertTrue(
          e.getMessage().contains("cannot connect to " + nodes.prefix + "9"), e.getMessage());
      assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
      assertTrue(took >= 0.6, "backoff 200 + 400 ms, took " + took);
    }
    assertEquals(2, logText("down").lines().filter(l -> l.contains("connect attempt")).count() - 1);
  }

  @Test
  void uploadsAFileWithItsModeAndRunsIt() throws Exception {
    try (NodeLog log = log("n1");
        SshRemote r = new SshRemote(nodes.settings(1), log)) {
      byte[] script = "#!/bin/sh\necho uploaded \"$1\"\n".getBytes(StandardCharsets.UTF_8);
      r.upload(script, "/etc/kexp-upload/hello.sh", 0750);
      assertEquals(
          "750 root",
          r.run(Remote.Command.of("stat -c '%a %U' /etc/kexp-upload/hello.sh")).stdout().strip());
      assertEquals(
          "uploaded x", r.run(Remote.Command.root("/etc/kexp-upload/hello.sh x")).stdout().strip());
      assertEquals(
          "", r.run(Remote.Command.of("ls -a ~ | grep kexp-upload || true")).stdout().strip());
    }
  }

  @Test
  void oneConnectionServesEveryCommandOfANode() throws Exception {
    long before = logins(4);
    try (NodeLog log = log("n4");
        SshRemote r = new SshRemote(nodes.settings(4), log)) {
      for (int i = 0; i < 5; i++) r.run(Remote.Command.of("true"));
      r.withLog(NodeLog.discard("n4", new Redactor())).run(Remote.Command.of("true"));
    }
    assertEquals(before + 1, logins(4));
  }

  @Test
  void reachesANodeThroughAJumpHost() throws Exception {
    long jumpBefore = logins(1);
    long targetBefore = logins(2);
    try (NodeLog log = log("n2");
        SshRemote r =
            new SshRemote(
                nodes
                    .settings(2)
                    .withJump(SshNodes.USER + "@" + nodes.address(1) + ":" + SshNodes.PORT),
                log)) {
      assertEquals("n2", r.run(Remote.Command.of("cat /etc/kexp-test-node")).stdout().strip());
    }
    assertEquals(jumpBefore + 1, logins(1), "logged in to the jump host");
    assertEquals(targetBefore + 1, logins(2));
  }

  private static long logins(int n) throws IOException {
    return nodes.sshdLog(n).lines().filter(l -> l.contains("Accepted publickey")).count();
  }

  @Test
  void secretsAndCapturedTokensAreRedactedInTheLog() throws Exception {
    try (NodeLog log = log("n3");
        SshRemote r = new SshRemote(nodes.settings(3), log)) {
      log.redactor().add("hunter2-secret");
      r.run(Remote.Command.of("echo password=hunter2-secret"));
      var captured = log.capture(Pattern.compile("^token: (\\S+)$"));
      r.run(
          Remote.Command.of(
              "echo 'token: K10abcdef::server:0123'; echo 'again K10abcdef::server:0123' >&2"));
      log.endCommand();
      assertEquals("K10abcdef::server:0123", captured.get());
    }
    String text = logText("n3");
    assertFalse(text.contains("hunter2-secret"), text);
    assertFalse(text.contains("K10abcdef"), text);
    Matcher m = Pattern.compile(Pattern.quote(Redactor.MARK)).matcher(text);
    int count = 0;
    while (m.find()) count++;
    assertEquals(3, count, text);
  }
}
