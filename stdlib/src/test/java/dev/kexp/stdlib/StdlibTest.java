package dev.kexp.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StdlibTest {
  @Test
  void findsEveryDistributionOfTheSeedsByItsWord() {
    assertEquals(
        List.of("kubeadm", "k3s", "microk8s", "k0s"), List.copyOf(Stdlib.get().distros().keySet()));
    Stdlib.get().distros().values().forEach(d -> assertEquals("1.27.2", d.defaultVersion()));
  }

  @Test
  void everyDistributionsDefaultCniIsRegistered() {
    for (Distro d : Stdlib.get().distros().values()) {
      assertTrue(
          Stdlib.get().cnis().containsKey(d.defaultCni()), d.word() + " -> " + d.defaultCni());
    }
  }

  @Test
  void warnsOnlyAboutDockerWithMicroK8s() {
    var microk8s = Stdlib.get().distros().get("microk8s");
    assertEquals(1, microk8s.warnings("docker").size());
    assertTrue(microk8s.warnings("containerd").isEmpty());
    assertTrue(Stdlib.get().distros().get("k3s").warnings("docker").isEmpty());
  }

  @Test
  void namesTheKindOfAWord() {
    assertEquals("container runtime", Stdlib.get().kindOf("docker").orElseThrow());
    assertEquals("hypervisor", Stdlib.get().kindOf("xen").orElseThrow());
    assertTrue(Stdlib.get().kindOf("k3").isEmpty());
    assertEquals(List.of("PV", "HVM", "PVH"), Stdlib.get().hypervisors().get("xen").modes());
  }
}
