package dev.kexp.runtime.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real OpenSSH servers as test nodes: one sshd per node on 127.0.X.N:2222, each with its own host
 * key, started once per test JVM and stopped when it exits. A user {@code kexptest} logs in with
 * generated keys (ed25519, RSA, ECDSA, and an ed25519 key with a passphrase) and has passwordless
 * sudo.
 *
 * <p>Every node's sshd runs in its own mount namespace with copy-on-write overlays on /etc, /var
 * and /usr/local, so what an install writes on one node (a token file, an uninstall script) is on
 * that node only and never on this machine. Its /usr/local/bin holds the fake distribution tools
 * ({@code fakenode/fake}), found first by plain and sudo commands alike.
 *
 * <p>Needs root, sshd, sudo and unshare. Without sshd (or root) the tests are skipped with a
 * message, except under CI=true, where they fail: CI installs what they need.
 */
public final class SshNodes {
  public static final String USER = "kexptest";
  public static final int PORT = 2222;
  public static final int COUNT = 4;
  // One sudoers file per test JVM, so one JVM ending does not take sudo from another's nodes.
  private static final String SUDOERS =
      "/etc/sudoers.d/90-kexptest-" + ProcessHandle.current().pid();
  private static final List<String> TOOLS =
      List.of(
          "curl",
          "apt-get",
          "apt-mark",
          "gpg",
          "systemctl",
          "modprobe",
          "swapoff",
          "iptables",
          "sysctl",
          "containerd",
          "docker",
          "cri-dockerd",
          "kubeadm",
          "kubectl",
          "k3s",
          "snap",
          "microk8s",
          "k0s",
          "systemd-detect-virt",
          "ps",
          "fake-lib");

  private static SshNodes shared;
  private static String unavailable;

  public final Path base;
  public final String prefix;
  public final Path knownHosts;
  public final Path shared_;
  private final List<Process> servers = new ArrayList<>();

  private SshNodes(Path base, String prefix) {
    this.base = base;
    this.prefix = prefix;
    this.knownHosts = base.resolve("known_hosts");
    this.shared_ = base.resolve("shared");
  }

  /** The nodes, started on first use; skips (or fails under CI) when they cannot be. */
  public static synchronized SshNodes get() {
    if (shared != null) return shared;
    if (unavailable == null) {
      try {
        unavailable = missing();
        if (unavailable == null) {
          shared = start();
          Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kexp-test-sshd-stop"));
          return shared;
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("cannot start the test SSH nodes: " + e.getMessage(), e);
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but the SSH tests cannot run: " + unavailable + " (.ci/run installs them)");
    }
    Assumptions.abort("skipped: " + unavailable + "; install openssh-server and sudo, as root");
    return null;
  }

  private static String missing() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) return "no OpenSSH server (/usr/sbin/sshd)";
    if (!"0".equals(sh("id -u").strip())) return "not root (the nodes need a user and sudoers)";
    if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) return "no sudo";
    return null;
  }

  public String address(int n) {
    return prefix + n;
  }

  public Path key(String type) {
    return base.resolve("id_" + type);
  }

  /** The passphrase of {@code key("ed25519-pass")}. */
  public static final String PASSPHRASE = "correct horse battery staple";

  private static SshNodes start() throws IOException, InterruptedException {
    Path base = Files.createTempDirectory("kexp-sshd-");
    String prefix = "127.0." + ThreadLocalRandom.current().nextInt(100, 250) + ".";
    SshNodes nodes = new SshNodes(base, prefix);
    Files.createDirectories(nodes.shared_);
    Files.writeString(nodes.shared_.resolve("tokens"), "");
    Files.writeString(nodes.shared_.resolve("events"), "");
    Files.writeString(nodes.shared_.resolve("nodes"), "");
    // sshd refuses to start without its privilege-separation directory (no systemd creates it).
    sh(
        "mkdir -p /run/sshd && chmod 0755 /run/sshd; id "
            + USER
            + " >/dev/null 2>&1 || useradd -m -s /bin/bash "
            + USER
            + "; usermod -p '*' "
            + USER // a locked account ('!') cannot log in even with a key
            + "; echo '"
            + USER
            + " ALL=(ALL) NOPASSWD:ALL' > "
            + SUDOERS
            + " && chmod 0440 "
            + SUDOERS);
    // Appended, not replaced: two test JVMs (two builds at once) each keep their own keys.
    StringBuilder authorized = new StringBuilder();
    for (String type : List.of("ed25519", "rsa", "ecdsa")) {
      sh("ssh-keygen -q -t " + type + " -N '' -C kexp-test -f " + base.resolve("id_" + type));
      authorized.append(Files.readString(base.resolve("id_" + type + ".pub")));
    }
    sh(
        "ssh-keygen -q -t ed25519 -N '"
            + PASSPHRASE
            + "' -C kexp-test -f "
            + base.resolve("id_ed25519-pass"));
    authorized.append(Files.readString(base.resolve("id_ed25519-pass.pub")));
    Path auth = base.resolve("authorized_keys");
    Files.writeString(auth, authorized);
    sh(
        "h=$(getent passwd "
            + USER
            + " | cut -d: -f6); install -d -m 700 -o "
            + USER
            + " $h/.ssh && touch $h/.ssh/authorized_keys && cat "
            + auth
            + " >> $h/.ssh/authorized_keys && chown "
            + USER
            + " $h/.ssh/authorized_keys && chmod 600 $h/.ssh/authorized_keys");
    Path fake = base.resolve("fake");
    try (InputStream in = SshNodes.class.getResourceAsStream("/fakenode/fake")) {
      Files.copy(in, fake);
    }
    StringBuilder known = new StringBuilder();
    for (int n = 1; n <= COUNT; n++) {
      Path dir = base.resolve("n" + n);
      for (String d : List.of("etc", "var", "usr-local")) {
        Files.createDirectories(dir.resolve(d + "-up"));
        Files.createDirectories(dir.resolve(d + "-work"));
      }
      Path bin = Files.createDirectories(dir.resolve("usr-local-up/bin"));
      Path tool = bin.resolve("fake");
      Files.copy(fake, tool);
      sh("chmod 755 " + tool);
      for (String t : TOOLS) Files.createSymbolicLink(bin.resolve(t), Path.of("fake"));
      Path etc = dir.resolve("etc-up");
      Files.writeString(etc.resolve("kexp-test-node"), "n" + n + "\n");
      Files.writeString(etc.resolve("kexp-test-addr"), nodes.address(n) + "\n");
      Files.writeString(etc.resolve("kexp-test-shared"), nodes.shared_ + "\n");
      sh("ssh-keygen -q -t ed25519 -N '' -f " + dir.resolve("host_ed25519"));
      String config =
          String.join(
              "\n",
              "ListenAddress " + nodes.address(n) + ":" + PORT,
              "HostKey " + dir.resolve("host_ed25519"),
              "PidFile " + dir.resolve("sshd.pid"),
              "PasswordAuthentication no",
              "KbdInteractiveAuthentication no",
              "PubkeyAuthentication yes",
              "PermitRootLogin no",
              "UsePAM no",
              "AllowUsers " + USER,
              "Subsystem sftp internal-sftp",
              "LogLevel VERBOSE",
              "MaxStartups 100:30:200",
              "");
      Files.writeString(dir.resolve("sshd_config"), config);
      known
          .append("[")
          .append(nodes.address(n))
          .append("]:")
          .append(PORT)
          .append(" ")
          .append(hostKey(n, base))
          .append("\n");
      // The node's own /etc, /var and /usr/local (copy-on-write), and a /sys with only what the
      // hypervisor check reads: by default a Xen PV guest; node 3 is an HVM guest.
      String mounts =
          overlay("/etc", dir, "etc")
              + overlay("/var", dir, "var")
              + overlay("/usr/local", dir, "usr-local")
              + "mount -t tmpfs tmpfs /sys && mkdir /sys/hypervisor && echo xen > /sys/hypervisor/type"
              + " && echo "
              + (n == 3 ? "HVM" : "PV")
              + " > /sys/hypervisor/guest_type && echo xen > /etc/kexp-test-virt && ";
      ProcessBuilder pb =
          new ProcessBuilder(
              "unshare",
              "-m",
              "--propagation",
              "private",
              "sh",
              "-c",
              mounts + "exec /usr/sbin/sshd -D -e -f " + dir.resolve("sshd_config"));
      pb.redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile());
      nodes.servers.add(pb.start());
    }
    Files.writeString(nodes.knownHosts, known);
    for (int n = 1; n <= COUNT; n++) nodes.awaitBanner(n);
    return nodes;
  }

  private static String overlay(String target, Path dir, String name) {
    return "mount -t overlay overlay -o lowerdir="
        + target
        + ",upperdir="
        + dir.resolve(name + "-up")
        + ",workdir="
        + dir.resolve(name + "-work")
        + " "
        + target
        + " && ";
  }

  /** The node's host key as a known_hosts key field ({@code type base64}). */
  public static String hostKey(int n, Path base) throws IOException {
    String[] f = Files.readString(base.resolve("n" + n + "/host_ed25519.pub")).strip().split(" ");
    return f[0] + " " + f[1];
  }

  public String hostKey(int n) throws IOException {
    return hostKey(n, base);
  }

  private void awaitBanner(int n) throws IOException, InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      Process p = servers.get(n - 1);
      if (!p.isAlive()) {
        throw new IOException(
            "sshd of node "
                + n
                + " exited: "
                + Files.readString(base.resolve("n" + n + "/sshd.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address(n), PORT), 500);
        byte[] b = s.getInputStream().readNBytes(8);
        if (new String(b, StandardCharsets.US_ASCII).startsWith("SSH-2.0")) return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IOException("sshd of node " + n + " did not answer within 10 s");
  }

  /** The sshd log of node n (each login is one "Accepted publickey" line). */
  public String sshdLog(int n) throws IOException {
    return Files.readString(base.resolve("n" + n + "/sshd.log"));
  }

  public List<String> events() throws IOException {
    return Files.readAllLines(shared_.resolve("events"));
  }

  /** The processes node n's fakes say are running ({@code ps} adds them), one a line. */
  public String simulatedProcesses(int n) throws IOException, InterruptedException {
    return sh("ssh -q -o BatchMode=yes -o UserKnownHostsFile="
            + knownHosts
            + " -o StrictHostKeyChecking=yes -i "
            + key("ed25519")
            + " -p "
            + PORT
            + " "
            + USER
            + "@"
            + address(n)
            + " 'cat /var/lib/kexp-fake/procs 2>/dev/null; true'")
        .strip();
  }

  public List<String> tokens() throws IOException {
    return Files.readAllLines(shared_.resolve("tokens"));
  }

  /** Settings for node n with the default key and the fixture's known_hosts. */
  public SshRemote.Settings settings(int n) {
    return SshRemote.Settings.of(address(n), PORT, USER, key("ed25519"))
        .withKnownHosts(knownHosts, false)
        .withRetries(2, Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /** Forgets what the nodes installed and any injected failure, between tests. */
  public void reset() throws IOException, InterruptedException {
    for (int n = 1; n <= COUNT; n++) {
      Path d = base.resolve("n" + n);
      // Through the node itself: writing an overlay's upper directory from outside is undefined.
      sh(
          "ssh -q -o BatchMode=yes -o UserKnownHostsFile="
              + knownHosts
              + " -o StrictHostKeyChecking=yes -i "
              + key("ed25519")
              + " -p "
              + PORT
              + " "
              + USER
              + "@"
              + address(n)
              + " 'sudo -n rm -rf /var/lib/rancher /etc/rancher /etc/kubernetes /etc/k0s /var/lib/k0s"
              + " /var/snap /etc/kexp-test-fail /etc/kexp-test-hang /etc/kexp-upload /etc/kexp-test-kubeconfig"
              + " $HOME/.kexp-kubeconfig /var/lib/kexp-fake /var/lib/kexp /var/lib/k0s"
              + " /etc/systemd/system/k0scontroller.service /etc/systemd/system/k0sworker.service"
              + " /usr/local/bin/k3s-killall.sh"
              + " /usr/local/bin/k3s-uninstall.sh /usr/local/bin/k3s-agent-uninstall.sh'");
      if (!Files.isDirectory(d)) throw new IOException("no node " + n);
    }
    Files.writeString(shared_.resolve("tokens"), "");
    Files.writeString(shared_.resolve("events"), "");
    Files.writeString(shared_.resolve("nodes"), "");
    Files.deleteIfExists(shared_.resolve("cni-needed"));
  }

  private void stop() {
    for (Process p : servers) p.destroy();
    for (Process p : servers) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(Path.of(SUDOERS));
      sh("rm -rf " + base);
    } catch (IOException | InterruptedException e) {
      // Best effort at exit; a temp directory is left behind.
    }
  }

  static String sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("`" + command + "` failed: " + out);
    return out;
  }

  /** The nodes share this machine's process table, so an orphan would be visible here. */
  public static void assertNoProcess(String commandLine) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < end) {
      boolean alive =
          ProcessHandle.allProcesses()
              .anyMatch(p -> p.info().commandLine().orElse("").contains(commandLine));
      if (!alive) return;
      Thread.sleep(50);
    }
    throw new AssertionError("`" + commandLine + "` is still running on the node");
  }
}
