package dev.kexp.dsl.spec;

/**
 * A bare word such as {@code k3s}, {@code xen} or {@code PV}: what it names is decided where it is
 * used ({@code distro k3s}, {@code matrix runtime: [docker]}).
 */
public record Word(String text) {
  @Override
  public String toString() {
    return text;
  }
}
