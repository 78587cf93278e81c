package dev.kexp.dsl.spec;

import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.vocabulary.Block;
import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code matrix { cell('PV') { cluster { ... } } }}: named cells, each changing the cluster. The
 * cells' blocks are kept and applied to a copy of the base cluster when the experiment is built, so
 * a matrix may stand before or after the cluster it changes.
 */
public final class MatrixSpec extends Spec {
  /**
   * One cell before it is applied: its name, the settings it names, and how it changes the cluster.
   */
  record Draft(
      String name, Map<String, String> settings, SourceRef at, List<Closure<?>> clusters) {}

  private final List<Draft> cells = new ArrayList<>();

  public MatrixSpec(Evaluation ev) {
    super(ev, Block.MATRIX);
  }

  public void cell(String name, Closure<?> body) {
    CellSpec cell = run(body, new CellSpec(ev));
    cells.add(new Draft(name, new LinkedHashMap<>(), ev.here("cell"), cell.clusters));
  }

  List<Draft> build() {
    return cells;
  }

  /** The block of one {@code cell}: only {@code cluster { ... }} for now. */
  public static final class CellSpec extends Spec {
    private final List<Closure<?>> clusters = new ArrayList<>();

    CellSpec(Evaluation ev) {
      super(ev, Block.CELL);
    }

    public void cluster(Closure<?> body) {
      clusters.add(body);
    }
  }
}
