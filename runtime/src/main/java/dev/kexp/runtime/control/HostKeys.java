package dev.kexp.runtime.control;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * known_hosts verification as OpenSSH does it: a known key passes; an unknown key fails, or with
 * {@code acceptNew} is added to the file (OpenSSH's {@code StrictHostKeyChecking=accept-new}); a
 * changed key always fails. Why it failed is kept, so the error can name the node and the
 * fingerprint instead of sshj's generic "could not verify".
 */
final class HostKeys extends OpenSSHKnownHosts {
  private final String node;
  private final boolean acceptNew;
  private volatile String problem;

  private HostKeys(File file, String node, boolean acceptNew) throws IOException {
    super(file);
    this.node = node;
    this.acceptNew = acceptNew;
  }

  static HostKeys open(Path file, String node, boolean acceptNew) throws IOException {
    // OpenSSH creates the file on first use; so does accept-new.
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(file);
    }
    return new HostKeys(file.toFile(), node, acceptNew);
  }

  /** Why the last verification failed, or null. */
  String problem() {
    return problem;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    if (acceptNew) {
      try {
        HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
        entries().add(entry);
        write(entry);
        return true;
      } catch (IOException e) {
        problem = "cannot add the host key of " + node + " to " + getFile() + ": " + e.getMessage();
        return false;
      }
    }
    problem =
        "the host key of "
            + node
            + " ("
            + hostname
            + ") is unknown: "
            + fingerprint(key)
            + " is not in "
            + getFile()
            + "; check the fingerprint on the node (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and"
            + " run with --accept-new-host-keys, or add it with ssh-keyscan";
    return false;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    problem =
        "the host key of "
            + node
            + " ("
            + hostname
            + ") HAS CHANGED: the node offered "
            + fingerprint(key)
            + ", which differs from the key in "
            + getFile()
            + "; someone may be intercepting the connection, or the node was reinstalled (then remove"
            + " the old key with ssh-keygen -R)";
    return false;
  }

  /** As OpenSSH prints it: {@code ssh-ed25519 SHA256:base64-without-padding}. */
  static String fingerprint(PublicKey key) {
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
      return KeyType.fromKey(key)
          + " SHA256:"
          + Base64.getEncoder().withoutPadding().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}
