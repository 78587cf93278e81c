package dev.kexp.dsl.model;

/** How kexp logs in to the nodes. The key path is not a secret; its passphrase is. */
public record SshLogin(String user, String key, int port, Secret passphrase, SourceRef at) {
  public static final SshLogin DEFAULT =
      new SshLogin(
          System.getProperty("user.name", "root"), "~/.ssh/id_ed25519", 22, null, SourceRef.NONE);
}
