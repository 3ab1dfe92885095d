package dev.buildbotls.diagnostics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Close names for a misspelt one, by edit distance, best first. */
public final class Suggestions {
  private Suggestions() {}

  public static List<String> closest(String wrong, Collection<String> candidates) {
    int limit = Math.max(2, wrong.length() / 3);
    String lower = wrong.toLowerCase();
    return candidates.stream()
        .filter(c -> distance(lower, c.toLowerCase()) <= limit)
        .sorted(Comparator.comparingInt((String c) -> distance(lower, c.toLowerCase())).thenComparing(c -> c))
        .limit(3)
        .toList();
  }

  /** " (did you mean `x`?)", or nothing. */
  public static String didYouMean(String wrong, Collection<String> candidates) {
    List<String> best = closest(wrong, candidates);
    return best.isEmpty() ? "" : " (did you mean `" + best.get(0) + "`?)";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
