package dev.kexp.runtime.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import net.schmizz.sshj.xfer.InMemorySourceFile;

/**
 * A node reached over SSH with sshj: key authentication, known_hosts verification, an optional jump
 * host, one connection reused by every command (opened on first use, with retries and backoff).
 *
 * <p>Every command is wrapped as {@code exec timeout -k 5 N [sudo -n] sh -c LINE}. {@code timeout}
 * makes itself the leader of a new process group, so the whole command tree can be killed at once:
 * by {@code timeout} itself when the time is up (even if kexp has died), or by kexp with {@code
 * kill -KILL -- -PGID} when it is cancelled. Closing the SSH channel alone would leave it running.
 */
public final class SshRemote implements Remote {
  /** How to reach one node. */
  public record Settings(
      String node,
      String host,
      int port,
      String user,
      Path key,
      Supplier<char[]> passphrase,
      String jump,
      Path knownHosts,
      boolean acceptNewHostKeys,
      Duration connectTimeout,
      int connectAttempts,
      Duration backoff) {
    public Settings {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(knownHosts, "knownHosts");
      if (connectAttempts < 1) throw new IllegalArgumentException("connectAttempts must be >= 1");
    }

    /** The usual: ~/.ssh/known_hosts, 10 s to connect, 3 attempts 1 and 2 s apart. */
    public static Settings of(String node, int port, String user, Path key) {
      return new Settings(
          node,
          node,
          port,
          user,
          key,
          null,
          null,
          Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
          false,
          Duration.ofSeconds(10),
          3,
          Duration.ofSeconds(1));
    }

    public Settings withKnownHosts(Path file, boolean acceptNew) {
      return new Settings(
          node,
          host,
          port,
          user,
          key,
          passphrase,
          jump,
          file,
          acceptNew,
          connectTimeout,
          connectAttempts,
          backoff);
    }

    public Settings withPassphrase(Supplier<char[]> p) {
      return new Settings(
          node,
          host,
          port,
          user,
          key,
          p,
          jump,
          knownHosts,
          acceptNewHostKeys,
          connectTimeout,
          connectAttempts,
          backoff);
    }

    public Settings withJump(String j) {
      return new Settings(
          node,
          host,
          port,
          user,
          key,
          passphrase,
          j,
          knownHosts,
          acceptNewHostKeys,
          connectTimeout,
          connectAttempts,
          backoff);
    }

    public Settings withRetries(int attempts, Duration firstBackoff, Duration timeout) {
      return new Settings(
          node,
          host,
          port,
          user,
          key,
          passphrase,
          jump,
          knownHosts,
          acceptNewHostKeys,
          timeout,
          attempts,
          firstBackoff);
    }
  }

  /** Grace after the command's own timeout before kexp kills it from outside. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private static final String PGID_MARK = "kexp-pgid ";
  private static final AtomicLong THREADS = new AtomicLong();

  private final Settings settings;
  private final NodeLog log;
  private final SshRemote owner;
  private SSHClient client;
  private SSHClient jumpClient;

  public SshRemote(Settings settings, NodeLog log) {
    this(settings, log, null);
  }

  private SshRemote(Settings settings, NodeLog log, SshRemote owner) {
    this.settings = settings;
    this.log = log;
    this.owner = owner;
  }

  /**
   * The same node over the same connection, logging elsewhere: node sampling reads /proc every few
   * seconds, which must not flood the node's log, and must not need a second login.
   */
  public SshRemote withLog(NodeLog other) {
    return new SshRemote(settings, other, owner == null ? this : owner);
  }

  @Override
  public String node() {
    return settings.node();
  }

  /** The connection, opened on first use and kept: one TCP connection and one login per node. */
  private SSHClient reconnect() throws RemoteException {
    SshRemote o = owner != null ? owner : this;
    synchronized (o) {
      o.closeQuietly();
    }
    return client();
  }

  private SSHClient client() throws RemoteException {
    return owner != null ? owner.connection(log) : connection(log);
  }

  private synchronized SSHClient connection(NodeLog log) throws RemoteException {
    if (client != null && client.isConnected() && client.isAuthenticated()) return client;
    closeQuietly();
    RemoteException last = null;
    long wait = settings.backoff().toMillis();
    for (int attempt = 1; attempt <= settings.connectAttempts(); attempt++) {
      try {
        client = connect(log);
        return client;
      } catch (HostKeyRejected | UserAuthException | KeyUnreadable e) {
        // Neither a host key nor a login gets better by trying again.
        closeQuietly();
        throw new RemoteException(e.getMessage(), e);
      } catch (IOException e) {
        closeQuietly();
        last =
            new RemoteException(
                "cannot connect to "
                    + settings.node()
                    + " ("
                    + settings.host()
                    + ":"
                    + settings.port()
                    + ") after "
                    + attempt
                    + (attempt == 1 ? " attempt" : " attempts")
                    + ": "
                    + message(e),
                e);
        log.note("connect attempt " + attempt + " failed: " + message(e));
        if (attempt < settings.connectAttempts()) {
          try {
            Thread.sleep(wait);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new RemoteException("cancelled while connecting to " + settings.node());
          }
          wait *= 2;
        }
      }
    }
    throw last;
  }

  private static final class HostKeyRejected extends IOException {
    HostKeyRejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class KeyUnreadable extends IOException {
    KeyUnreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private SSHClient connect(NodeLog log) throws IOException {
    HostKeys hostKeys =
        HostKeys.open(settings.knownHosts(), settings.node(), settings.acceptNewHostKeys());
    SSHClient ssh = newClient(hostKeys);
    KeyProvider keys = keys(ssh);
    try {
      if (settings.jump() != null) {
        Jump j = Jump.parse(settings.jump(), settings.user());
        HostKeys jumpKeys =
            HostKeys.open(settings.knownHosts(), j.host(), settings.acceptNewHostKeys());
        jumpClient = newClient(jumpKeys);
        try {
          jumpClient.connect(j.host(), j.port());
        } catch (TransportException e) {
          if (jumpKeys.problem() != null) throw new HostKeyRejected(jumpKeys.problem(), e);
          throw e;
        }
        jumpClient.authPublickey(j.user(), keys(jumpClient));
        ssh.connectVia(jumpClient.newDirectConnection(settings.host(), settings.port()));
      } else {
        ssh.connect(settings.host(), settings.port());
      }
    } catch (TransportException e) {
      if (hostKeys.problem() != null) throw new HostKeyRejected(hostKeys.problem(), e);
      throw e;
    }
    try {
      ssh.authPublickey(settings.user(), keys);
    } catch (UserAuthException e) {
      throw new UserAuthException(
          settings.user()
              + "@"
              + settings.node()
              + " refused the key "
              + settings.key()
              + " ("
              + message(e)
              + ")",
          e);
    }
    // Bounds how long closing a channel waits for the node (sshj waits 30 s by default).
    ssh.getConnection().setTimeoutMs(5000);
    ssh.getConnection().getKeepAlive().setKeepAliveInterval(15);
    log.note("connected to " + settings.user() + "@" + settings.host() + ":" + settings.port());
    return ssh;
  }

  private SSHClient newClient(HostKeys hostKeys) {
    SSHClient ssh = new SSHClient(new DefaultConfig());
    ssh.addHostKeyVerifier(hostKeys);
    ssh.setConnectTimeout((int) settings.connectTimeout().toMillis());
    return ssh;
  }

  private KeyProvider keys(SSHClient ssh) throws KeyUnreadable {
    Path key = settings.key();
    if (!Files.isReadable(key)) {
      throw new KeyUnreadable("cannot read the SSH key " + key + " for " + settings.node(), null);
    }
    try {
      KeyProvider p = ssh.loadKeys(key.toString(), passwords());
      p.getPrivate(); // decrypts now, so a wrong passphrase is reported as such
      return p;
    } catch (IOException | RuntimeException e) {
      throw new KeyUnreadable(
          "cannot load the SSH key "
              + key
              + ": "
              + message(e)
              + (settings.passphrase() == null
                  ? " (if it is encrypted, give ssh passphrase: env('VARIABLE'))"
                  : ""),
          e);
    }
  }

  private PasswordFinder passwords() {
    return new PasswordFinder() {
      @Override
      public char[] reqPassword(Resource<?> resource) {
        if (settings.passphrase() != null) {
          char[] p = settings.passphrase().get();
          log.redactor().add(new String(p));
          return p;
        }
        if (System.console() != null) {
          return System.console().readPassword("passphrase for %s: ", settings.key());
        }
        return null;
      }

      @Override
      public boolean shouldRetry(Resource<?> resource) {
        return false;
      }
    };
  }

  /**
   * The command's stderr into the log, except the wrapper's first line, which gives the process
   * group to kill on a timeout or a stop: it goes into {@code pgid[0]}.
   */
  private Pump stderr(String name, Session.Command cmd, String[] pgid) {
    return new Pump(
        name,
        cmd.getErrorStream(),
        l -> {
          if (pgid[0] == null && l.startsWith(PGID_MARK)) {
            pgid[0] = l.substring(PGID_MARK.length()).strip();
          } else {
            log.err(l);
          }
        });
  }

  @Override
  public CommandResult run(Command command) throws RemoteException {
    SSHClient ssh = client();
    String line = wrap(command);
    long started = System.nanoTime();
    long deadline = started + command.timeout().plus(GRACE).toNanos();
    Session session;
    Session.Command cmd;
    try {
      session = ssh.startSession();
      cmd = session.exec(line);
    } catch (IOException first) {
      // The connection may have dropped since its last use (the node rebooted, a firewall timed
      // it out): one new connection, then give up.
      try {
        ssh = reconnect();
        session = ssh.startSession();
        cmd = session.exec(line);
      } catch (IOException e) {
        throw new RemoteException(
            "cannot start a command on " + settings.node() + ": " + message(e), e);
      }
    }
    String[] pgid = new String[1];
    long n = THREADS.incrementAndGet();
    Pump out = new Pump("kexp-ssh-out-" + n, cmd.getInputStream(), log::out);
    Pump err = stderr("kexp-ssh-err-" + n, cmd, pgid);
    out.start();
    err.start();
    String ended = null;
    try {
      while (cmd.isOpen() && cmd.getExitStatus() == null) {
        if (Thread.currentThread().isInterrupted()) {
          ended = "cancelled";
          break;
        }
        if (System.nanoTime() > deadline) {
          ended = "timed out after " + seconds(command.timeout());
          break;
        }
        try {
          cmd.join(200, TimeUnit.MILLISECONDS);
        } catch (IOException slice) {
          // sshj reports a join that outlives its wait as an exception; the loop decides.
          if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
          }
        }
      }
      if (ended != null) {
        boolean interrupted = Thread.interrupted();
        kill(ssh, pgid[0], command.sudo(), cmd);
        if (interrupted) Thread.currentThread().interrupt();
        throw new RemoteException(
            "`"
                + log.redactor().redact(command.line())
                + "` on "
                + settings.node()
                + " "
                + ended
                + "; killed on the node");
      }
      String stdout = out.finish(5000);
      String stderr = stripMark(err.finish(5000));
      Integer exit = cmd.getExitStatus();
      if (exit == null) {
        throw new RemoteException(
            "`"
                + log.redactor().redact(command.line())
                + "` on "
                + settings.node()
                + " ended without an exit status"
                + (cmd.getExitSignal() != null ? " (signal " + cmd.getExitSignal() + ")" : ""));
      }
      // timeout(1) exits 124 when it had to stop the command.
      if (exit == 124 && System.nanoTime() - started >= command.timeout().toNanos()) {
        throw new RemoteException(
            "`"
                + log.redactor().redact(command.line())
                + "` on "
                + settings.node()
                + " timed out after "
                + seconds(command.timeout())
                + "; killed on the node");
      }
      return new CommandResult(exit, stdout, stderr);
    } finally {
      try {
        session.close();
      } catch (IOException e) {
        // The channel is gone either way; the command was waited for or killed.
      }
    }
  }

  @Override
  public RemoteProcess start(Command command) throws RemoteException {
    SSHClient ssh = client();
    Session session;
    Session.Command cmd;
    try {
      session = ssh.startSession();
      cmd = session.exec(wrap(command));
    } catch (IOException e) {
      throw new RemoteException(
          "cannot start a command on " + settings.node() + ": " + message(e), e);
    }
    String[] pgid = new String[1];
    Pump err = stderr("kexp-ssh-err-" + THREADS.incrementAndGet(), cmd, pgid);
    err.start();
    Session started = session;
    return new RemoteProcess() {
      @Override
      public InputStream stdout() {
        return cmd.getInputStream();
      }

      @Override
      public java.io.OutputStream stdin() {
        return cmd.getOutputStream();
      }

      @Override
      public boolean alive() {
        return cmd.isOpen() && cmd.getExitStatus() == null;
      }

      @Override
      public void close() {
        if (alive()) kill(ssh, pgid[0], command.sudo(), cmd);
        try {
          started.close();
        } catch (IOException e) {
          // The channel is gone either way.
        }
      }
    };
  }

  private static String stripMark(String stderr) {
    return stderr.replaceFirst("(?m)^" + PGID_MARK + "\\d+\n", "");
  }

  /**
   * Kills the command's process group on the node, then its channel. On a thread of its own, so
   * that the interrupt that cancelled the command cannot break off the kill too.
   */
  private void kill(SSHClient ssh, String pgid, boolean sudo, Session.Command cmd) {
    Thread killer = new Thread(() -> killNow(ssh, pgid, sudo, cmd), "kexp-ssh-kill");
    killer.setDaemon(true);
    killer.start();
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    boolean interrupted = false;
    while (killer.isAlive() && System.nanoTime() < end) {
      try {
        killer.join(100);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void killNow(SSHClient ssh, String pgid, boolean sudo, Session.Command cmd) {
    if (pgid != null && pgid.matches("\\d+")) {
      try (Session s = ssh.startSession()) {
        Session.Command k = s.exec((sudo ? "sudo -n " : "") + "kill -KILL -- -" + pgid);
        k.join(5, TimeUnit.SECONDS);
        log.note("killed process group " + pgid);
        return;
      } catch (IOException e) {
        log.note("could not kill process group " + pgid + ": " + message(e));
      }
    }
    // Only when the group could not be killed: OpenSSH drops the whole connection when a signal
    // arrives for a channel it has already closed.
    if (cmd.isOpen()) {
      try {
        cmd.signal(Signal.KILL);
      } catch (IOException e) {
        // Already gone.
      }
    }
  }

  /**
   * The line as the node's login shell receives it; see the class comment. With sudo, {@code
   * timeout} runs inside sudo: sudo may start the command in a process group (or a pseudo-terminal
   * session, Debian's {@code use_pty}) of its own, which a {@code timeout} outside could not reach.
   */
  static String wrap(Command command) {
    long secs = Math.max(1, (command.timeout().toMillis() + 999) / 1000);
    String inner =
        "echo \""
            + PGID_MARK
            + "$$\" >&2; exec timeout -k 5 "
            + secs
            + " sh -c "
            + Shell.quote(command.line());
    return command.sudo() ? "exec sudo -n sh -c " + Shell.quote(inner) : inner;
  }

  @Override
  public void upload(byte[] content, String path, int mode) throws RemoteException {
    upload(content, path, mode, true);
  }

  @Override
  public void uploadAsLogin(byte[] content, String path, int mode) throws RemoteException {
    upload(content, path, mode, false);
  }

  private void upload(byte[] content, String path, int mode, boolean root) throws RemoteException {
    SSHClient ssh = client();
    // Written as the login user to a private name, then moved into place (as root for upload, so
    // any path works), so a half-written file never appears under its real name.
    String tmp = ".kexp-upload-" + UUID.randomUUID();
    try (SFTPClient sftp = ssh.newSFTPClient()) {
      sftp.put(
          new InMemorySourceFile() {
            @Override
            public String getName() {
              return tmp;
            }

            @Override
            public long getLength() {
              return content.length;
            }

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(content);
            }
          },
          tmp);
    } catch (IOException e) {
      throw new RemoteException(
          "cannot upload " + path + " to " + settings.node() + ": " + message(e), e);
    }
    String install =
        "install -D -m "
            + Integer.toOctalString(mode)
            + " "
            + Shell.quote(tmp)
            + " "
            + Shell.quote(path)
            + "; rc=$?; rm -f "
            + Shell.quote(tmp)
            + "; exit $rc";
    log.note(
        "upload "
            + path
            + " ("
            + content.length
            + " bytes, mode "
            + Integer.toOctalString(mode)
            + ")");
    CommandResult r = run(new Command(install, root, Duration.ofMinutes(1)));
    if (!r.ok()) {
      throw new RemoteException(
          "cannot install " + path + " on " + settings.node() + ": " + r.stderr().strip());
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    Throwable c = e.getCause();
    if ((m == null || m.isBlank()) && c != null) return message(c);
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private void closeQuietly() {
    for (SSHClient c : Arrays.asList(client, jumpClient)) {
      if (c == null) continue;
      try {
        c.disconnect();
      } catch (IOException | RuntimeException e) {
        // Closing a broken connection.
      }
    }
    client = null;
    jumpClient = null;
  }

  /** Closes the connection; a view made by {@link #withLog} leaves it to its owner. */
  @Override
  public synchronized void close() {
    if (owner == null) closeQuietly();
  }

  /** {@code [user@]host[:port]} of a jump host. */
  record Jump(String user, String host, int port) {
    static Jump parse(String s, String defaultUser) {
      String user = defaultUser;
      String rest = s;
      int at = s.indexOf('@');
      if (at >= 0) {
        user = s.substring(0, at);
        rest = s.substring(at + 1);
      }
      int port = 22;
      int colon = rest.lastIndexOf(':');
      if (colon >= 0) {
        port = Integer.parseInt(rest.substring(colon + 1));
        rest = rest.substring(0, colon);
      }
      return new Jump(user, rest, port);
    }
  }
}
