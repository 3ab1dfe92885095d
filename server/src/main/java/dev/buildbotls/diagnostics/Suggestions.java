package dev.buildbotls.diagnostics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close names for a misspelt one, by edit distance, best first. */
public final class Suggestions {
  private Suggestions() {}

  public static List<String> closest(String wrong, Collection<String> candidates) {
    // one edit per three characters, at least one, none for one- or two-character words
    int limit = wrong.length() <= 2 ? 0 : Math.max(1, Math.min(3, wrong.length() / 3));
    String lower = wrong.toLowerCase(Locale.ROOT);
    List<Scored> close = new ArrayList<>();
    for (String candidate : candidates) {
      // the distance is at least the difference in length: most of a farm's names are skipped unmeasured
      if (Math.abs(candidate.length() - lower.length()) <= limit) {
        int d = distance(lower, candidate.toLowerCase(Locale.ROOT), limit);
        if (d <= limit) {
          close.add(new Scored(candidate, d));
        }
      }
    }
    close.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    return close.stream().limit(3).map(Scored::name).toList();
  }

  private record Scored(String name, int distance) {}

  /** " (did you mean `x`?)", or nothing. */
  public static String didYouMean(String wrong, Collection<String> candidates) {
    List<String> best = closest(wrong, candidates);
    return best.isEmpty() ? "" : " (did you mean `" + best.get(0) + "`?)";
  }

  /**
   * Edit distance where swapping two neighbours counts as one edit (optimal string alignment),
   * or {@code limit + 1} as soon as it is known to exceed {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMinimum = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, beforePrevious[j - 2] + 1);
        }
        current[j] = d;
        rowMinimum = Math.min(rowMinimum, d);
      }
      if (rowMinimum > limit) {
        return limit + 1; // every later row is at least this row's minimum
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
