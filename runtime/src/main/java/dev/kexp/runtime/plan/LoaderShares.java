package dev.kexp.runtime.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a load step's users or rate evenly over its loaders. Users are whole: loader {@code i} of
 * {@code k} gets {@code floor(n(i+1)/k) - floor(ni/k)} of {@code n}, so the shares add up to the
 * total at every segment's ends; a rate is divided exactly.
 */
public final class LoaderShares {
  private LoaderShares() {}

  public static List<Step.LoaderShare> split(List<Step.Segment> segments, List<String> loaders) {
    int k = loaders.size();
    List<Step.LoaderShare> shares = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      List<Step.Segment> own = new ArrayList<>();
      for (Step.Segment s : segments) {
        own.add(
            new Step.Segment(
                s.model(),
                share(s.model(), s.from(), i, k),
                share(s.model(), s.to(), i, k),
                s.duration()));
      }
      shares.add(new Step.LoaderShare(loaders.get(i), own));
    }
    return shares;
  }

  static double share(Step.LoadModel model, double total, int i, int k) {
    if (model == Step.LoadModel.OPEN) return total / k;
    long n = Math.round(total);
    return Math.floorDiv(n * (i + 1), k) - Math.floorDiv(n * i, k);
  }
}
