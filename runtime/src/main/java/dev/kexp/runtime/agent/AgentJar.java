package dev.kexp.runtime.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * kexp's own runnable jar, as uploaded to loaders: the jar this process runs from, or, when kexp
 * runs from compiled classes (its own tests), a jar of a manifest only whose class path names a
 * world-readable copy of those classes and libraries; it runs on a node that sees this machine's
 * files (the test nodes), whatever user it logs in as.
 *
 * @param sha256 of {@code bytes}, hex; the cache on the node is keyed by it
 */
public record AgentJar(byte[] bytes, String sha256) {
  /** Where loaders keep kexp: relative to the login's home. */
  public static final String CACHE = ".cache/kexp";

  private static final String MAIN = "dev.kexp.runtime.cli.KexpCommand";
  private static AgentJar current;

  /** The file on a loader, named by the hash so that the next run finds it. */
  public String path() {
    return CACHE + "/kexp-" + sha256.substring(0, 16) + ".jar";
  }

  public static synchronized AgentJar current() {
    if (current != null) return current;
    try {
      Path self =
          Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      byte[] bytes = Files.isRegularFile(self) ? Files.readAllBytes(self) : classPathJar();
      current = new AgentJar(bytes, sha256(bytes));
      return current;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kexp's own jar", e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate kexp's own jar", e);
    }
  }

  private static byte[] classPathJar() throws IOException {
    StringBuilder classPath = new StringBuilder();
    Path copy =
        Files.createTempDirectory(
            "kexp-agent-classpath-",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    // A copy for this process's loaders only: removed when it ends.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(copy), "kexp-agent-classpath"));
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (entry.isBlank() || !Files.exists(Path.of(entry))) continue;
      Path to = copy.resolve(n++ + "-" + Path.of(entry).getFileName());
      copyReadable(Path.of(entry), to);
      if (classPath.length() > 0) classPath.append(' ');
      classPath.append(to.toUri());
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN);
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(out, m)) {
      // The manifest is the whole content.
    }
    return out.toByteArray();
  }

  private static void copyReadable(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
        Files.setPosixFilePermissions(
            target,
            java.nio.file.attribute.PosixFilePermissions.fromString(
                Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  private static void delete(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind.
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
