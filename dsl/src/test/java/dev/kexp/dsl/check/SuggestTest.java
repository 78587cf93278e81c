package dev.kexp.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestTest {
  @Test
  void transpositionsDropsAndCaseAreNear() {
    assertEquals(Optional.of("ramp"), Suggest.closest("rmap", List.of("rate", "ramp", "hold")));
    assertEquals(
        Optional.of("k3s"), Suggest.closest("k3", List.of("kubeadm", "k3s", "microk8s", "k0s")));
    assertEquals(Optional.of("PV"), Suggest.closest("PVV", List.of("PV", "HVM", "PVH")));
    assertEquals(Optional.of("PV"), Suggest.closest("pv", List.of("PV", "HVM", "PVH")));
    assertEquals(
        Optional.of("microk8s"),
        Suggest.closest("mikrok8s", List.of("kubeadm", "k3s", "microk8s", "k0s")));
  }

  @Test
  void farWordsGetNoSuggestion() {
    assertEquals(Optional.empty(), Suggest.closest("banana", List.of("ramp", "rate", "hold")));
    assertEquals("", Suggest.didYouMean("zz", List.of("ramp")));
  }
}
