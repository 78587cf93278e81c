package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/**
 * {@code iozone ...}: on each chosen node in turn (every node of the cluster but the loader, by
 * default), so that guests sharing a disk do not measure each other. IOzone is installed first
 * where it is missing: Debian ships it as iozone3 in its non-free component.
 */
public final class IozonePlanner implements PhasePlanner<Phase.Iozone> {
  public Class<Phase.Iozone> type() {
    return Phase.Iozone.class;
  }

  public void plan(Phase.Iozone p, PlanContext plan) {
    Cluster c = plan.cluster();
    String phase = plan.label(p);
    List<Node> nodes = chosen(p.on(), c);
    for (Node n : nodes) {
      plan.add(
          BenchmarkTools.ensure(
              phase,
              n,
              c.local(),
              "iozone",
              "iozone3",
              "Debian's non-free component, Ubuntu's multiverse"));
    }
    for (Node n : nodes) {
      plan.add(
          new Step.Iozone(
              phase,
              n.host(),
              n.role(),
              p.file().bytes() / 1024,
              p.record().bytes() / 1024,
              p.tests(),
              p.dir()));
    }
  }

  /** The nodes {@code on} names (the validator has checked that they exist). */
  static List<Node> chosen(String on, Cluster c) {
    if (c.local()) return List.of(c.nodes().get(0));
    return switch (on) {
      case Phase.Iozone.ALL ->
          c.nodes().stream()
              .filter(n -> c.loader() == null || !n.host().equals(c.loader().host()))
              .toList();
      case "master" -> List.of(c.master());
      case "workers" -> c.workers();
      default -> c.nodes().stream().filter(n -> n.host().equals(on)).toList();
    };
  }
}
