package dev.buildbotls.diagnostics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Close names for a misspelt one, by edit distance, best first. */
public final class Suggestions {
  private Suggestions() {}

  public static List<String> closest(String wrong, Collection<String> candidates) {
    // one edit per three characters, at least one, none for one- or two-character words
    int limit = wrong.length() <= 2 ? 0 : Math.max(1, Math.min(3, wrong.length() / 3));
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

  /** Edit distance where swapping two neighbours counts as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
