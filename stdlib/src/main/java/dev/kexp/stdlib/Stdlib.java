package dev.kexp.stdlib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of everything an experiment can name, found with {@link ServiceLoader} so that a jar
 * on the class path can add a distribution without touching kexp. Loading is side-effect free:
 * implementations are plain descriptors.
 */
public final class Stdlib {
  private static final Stdlib DEFAULT = new Stdlib(Stdlib.class.getClassLoader());

  private final Map<String, Distro> distros;
  private final Map<String, ContainerRuntime> runtimes;
  private final Map<String, Hypervisor> hypervisors;
  private final Map<String, Cni> cnis;

  private Stdlib(ClassLoader loader) {
    this.distros = load(Distro.class, loader);
    this.runtimes = load(ContainerRuntime.class, loader);
    this.hypervisors = load(Hypervisor.class, loader);
    this.cnis = load(Cni.class, loader);
  }

  /** The registry of kexp's own class path. */
  public static Stdlib get() {
    return DEFAULT;
  }

  private static <T extends Named> Map<String, T> load(Class<T> kind, ClassLoader loader) {
    Map<String, T> byWord = new LinkedHashMap<>();
    for (T each : ServiceLoader.load(kind, loader)) {
      byWord.putIfAbsent(each.word(), each);
    }
    return Collections.unmodifiableMap(byWord);
  }

  public Map<String, Distro> distros() {
    return distros;
  }

  public Map<String, ContainerRuntime> runtimes() {
    return runtimes;
  }

  public Map<String, Hypervisor> hypervisors() {
    return hypervisors;
  }

  public Map<String, Cni> cnis() {
    return cnis;
  }

  /** What kind of thing a word names ("distribution", "container runtime", ...), if any. */
  public Optional<String> kindOf(String word) {
    if (distros.containsKey(word)) return Optional.of("distribution");
    if (runtimes.containsKey(word)) return Optional.of("container runtime");
    if (hypervisors.containsKey(word)) return Optional.of("hypervisor");
    if (cnis.containsKey(word)) return Optional.of("CNI");
    return Optional.empty();
  }
}
