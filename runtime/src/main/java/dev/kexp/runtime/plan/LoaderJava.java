package dev.kexp.runtime.plan;

import dev.kexp.stdlib.Cmd;
import java.time.Duration;

/**
 * The command that gives a loader Java 17 or newer for kexp's agent: nothing when it has one, else
 * the headless runtime from the node's own package manager. Without either it fails with a message
 * that says so, before any load starts.
 */
public final class LoaderJava {
  private LoaderJava() {}

  /** Exit status when there is no Java and no package manager to install it. */
  public static final int NO_PACKAGE_MANAGER = 3;

  private static final String HAS_JAVA =
      "java -version 2>&1 | grep -Eq 'version \"(1[7-9]|[2-9][0-9])'";

  /** The install, as root: only run when the login user finds no Java 17+. */
  private static final String INSTALL_AS_ROOT =
      "if command -v apt-get >/dev/null 2>&1; then apt-get update -q"
          + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
          + " openjdk-17-jre-headless; "
          + "elif command -v dnf >/dev/null 2>&1; then dnf install -y java-17-openjdk-headless; "
          + "elif command -v yum >/dev/null 2>&1; then yum install -y java-17-openjdk-headless; "
          + "elif command -v zypper >/dev/null 2>&1; then zypper --non-interactive"
          + " install java-17-openjdk-headless; "
          + "elif command -v apk >/dev/null 2>&1; then apk add openjdk17-jre-headless; "
          + "else echo 'no Java 17 or newer, and no package manager (apt-get, dnf, yum,"
          + " zypper, apk) to install it: install Java 17+ on this loader' >&2; exit "
          + NO_PACKAGE_MANAGER
          + "; fi";

  /**
   * As the login user, who runs the agent: a loader that has Java needs no root; one that has not
   * installs it through {@code sudo -n}, as kexp's other root commands do.
   */
  public static final Cmd INSTALL =
      Cmd.user(
              "if "
                  + HAS_JAVA
                  + "; then java -version 2>&1 | head -n 1; exit 0; fi; "
                  + "sudo -n sh -c '"
                  + INSTALL_AS_ROOT.replace("'", "'\\''")
                  + "' || exit $?; "
                  + HAS_JAVA
                  + " || { echo 'Java 17 or newer is still missing after the install' >&2; exit 1;"
                  + " }")
          .within(Duration.ofMinutes(15));
}
