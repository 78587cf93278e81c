package dev.kexp.stdlib.cni;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Cni;
import dev.kexp.stdlib.Setup;
import java.util.List;

/** Calico network plugin. */
public final class Calico implements Cni {
  @Override
  public String word() {
    return "calico";
  }

  @Override
  public String description() {
    return "Calico network plugin.";
  }

  @Override
  public String defaultVersion() {
    return "3.26.1";
  }

  /**
   * The operator install of Calico's docs ("kubectl create", not apply: the CRD bundle is too large
   * for apply's annotation). The stock custom resources use 192.168.0.0/16, which is why every
   * distribution is given that pod network when Calico is its CNI. What the cluster already has is
   * not created again: a K3s or k0s control plane keeps its state from one start to the next.
   */
  @Override
  public List<Cmd> install(Setup s, String kubectl) {
    String base = "https://raw.githubusercontent.com/projectcalico/calico/v" + full(s.cniVersion());
    return List.of(
        createOnce(kubectl, base + "/manifests/tigera-operator.yaml"),
        createOnce(kubectl, base + "/manifests/custom-resources.yaml"));
  }

  private static Cmd createOnce(String kubectl, String url) {
    return Cmd.root(
        kubectl + " get -f " + url + " >/dev/null 2>&1 || " + kubectl + " create -f " + url);
  }

  /** Calico's tags have three parts: a file's {@code 3.26} means {@code v3.26.0}. */
  static String full(String version) {
    return version.chars().filter(c -> c == '.').count() == 1 ? version + ".0" : version;
  }
}
