package dev.kexp.dsl.model;

/**
 * How kexp logs in to the nodes. The key path is not a secret; its passphrase is. {@code jump} is
 * an optional bastion, {@code [user@]host[:port]}, reached with the same key (like OpenSSH's
 * ProxyJump).
 */
public record SshLogin(
    String user, String key, int port, Secret passphrase, String jump, SourceRef at) {
  public static final SshLogin DEFAULT =
      new SshLogin(
          System.getProperty("user.name", "root"),
          "~/.ssh/id_ed25519",
          22,
          null,
          null,
          SourceRef.NONE);

  /** The key file, with {@code ~} and {@code ~/...} expanded as the shell does. */
  public java.nio.file.Path keyFile() {
    String home = System.getProperty("user.home");
    if (key.equals("~")) return java.nio.file.Path.of(home);
    if (key.startsWith("~/")) return java.nio.file.Path.of(home, key.substring(2));
    return java.nio.file.Path.of(key);
  }
}
